import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, runScript } from '@/test/local-servers';
import { hostPage } from './embed-host';

// npm run demo:embed: a busy host port is named, with how to pick another, and nothing starts;
// the host page runs the package's embed.js from its own origin, pointed at Keyward by `src`.

const runDemo = (env: Record<string, string>, killAfterMs?: number) =>
  runScript('scripts/demo-embed.ts', env, killAfterMs);

describe('npm run demo:embed', () => {
  it('says clearly that its port is busy, with no stack trace, and starts nothing', async () => {
    const port = await freePort();
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(port, '127.0.0.1', r));
    try {
      const run = await runDemo({ EMBED_DEMO_PORT: String(port), PORT: String(await freePort()) });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`Embed demo: port ${port} on 127.0.0.1 is in use`);
      expect(run.output).toContain('EMBED_DEMO_PORT=');
      expect(run.output).not.toMatch(/^\s+at /m);
      expect(run.output).not.toContain('Keyward:');
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  // npm pack builds the package (esbuild, TypeScript's declaration emit): slow on a busy machine.
  it('packs the package before starting Keyward, and names Keyward’s busy port too', {
    timeout: 120_000,
  }, async () => {
    const [hostPort, appPort] = [await freePort(), await freePort()];
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(appPort, '127.0.0.1', r));
    try {
      const run = await runDemo(
        { EMBED_DEMO_PORT: String(hostPort), PORT: String(appPort) },
        110_000,
      );
      expect(run.code).toBe(1);
      expect(run.output).toContain(
        `host page http://127.0.0.1:${hostPort} (embed.js from npm pack)`,
      );
      expect(run.output).toContain(`Port ${appPort} is already in use`);
      expect(run.output).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });

  it('serves a page that loads the packaged embed.js from itself and names Keyward in src', () => {
    const html = hostPage('http://localhost:3000', new URLSearchParams('accent=%23116633'), true);
    expect(html).toContain('<script type="module" src="/embed.js"></script>');
    expect(html).toContain('<keyward-security src="http://localhost:3000" accent="#116633">');
  });
});
