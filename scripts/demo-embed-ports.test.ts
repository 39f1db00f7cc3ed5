import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '@/test/local-servers';
import { startHostServer } from './embed-host';

// `npm run demo:embed`: the host page listens on 127.0.0.1 only, and a busy port is one sentence
// naming the variable that moves it, with nothing else started.

function runDemo(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { AUTH0_DOMAIN: _real, ...inherited } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-embed.ts'], {
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm run demo:embed', () => {
  it('serves the host page on 127.0.0.1 only', async () => {
    const server = await startHostServer(await freePort(), '127.0.0.1', 'http://localhost:3000');
    try {
      const address = server.address();
      expect(typeof address === 'object' ? address?.address : address).toBe('127.0.0.1');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('says which port is busy and how to move it, without a stack trace, and starts nothing', async () => {
    const port = await freePort();
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      const run = await runDemo({ EMBED_DEMO_PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`port ${port} on 127.0.0.1 is in use`);
      expect(run.output).toContain('EMBED_DEMO_PORT');
      expect(run.output).not.toMatch(/at .+\(.+:\d+:\d+\)|Keyward:|Local tenant/);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});
