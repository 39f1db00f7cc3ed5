import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Helpers for tests that run real servers on loopback (Vitest and Playwright alike).

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export type RedisServer = {
  url: string;
  port: number;
  /** Kills the server (SIGTERM), without waiting. */
  stop: () => void;
  /** Kills it and waits until the port is closed: "Redis is down". */
  down: () => Promise<void>;
  /** Starts the server on the same port again (no-op if it is running); empty unless persistent. */
  up: () => Promise<void>;
  /** Kills it for good and removes its files. */
  dispose: () => Promise<void>;
};

/**
 * A throwaway redis-server on a free port; `stop` kills it. No persistence by default; with
 * `persistent`, every write goes to an append-only file in a temporary folder first, so the data
 * survives `down` (a kill) and comes back with `up`, as a production Redis's would.
 */
export async function startRedisServer(
  options: { persistent?: boolean } = {},
): Promise<RedisServer> {
  const port = await freePort();
  const dir = options.persistent ? mkdtempSync(join(tmpdir(), 'keyward-redis-')) : null;
  const persistence = dir
    ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir]
    : ['--appendonly', 'no'];
  let child: ChildProcess | null = null;
  const up = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence],
      { stdio: 'ignore' },
    );
    child = started;
    for (let i = 0; i < 100 && !(await portOpen(port)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!(await portOpen(port))) {
      started.kill();
      throw new Error('redis-server did not start');
    }
  };
  const down = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
    for (let i = 0; i < 100 && (await portOpen(port)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const dispose = async () => {
    await down();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  await up();
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => child?.kill(), down, up, dispose };
}

export type ScriptRun = { code: number | null; output: string };

/**
 * Runs one of scripts/ under tsx with `env` (a real Auth0 domain left out, so it stays local) and
 * collects its stdout and stderr together. For scripts that should stop on their own (a busy
 * port): were a check to let one through it would start servers, so it is killed after
 * `killAfterMs`.
 */
export function runScript(
  script: string,
  env: Record<string, string>,
  killAfterMs = 30_000,
): Promise<ScriptRun> {
  // Only the settings a test passes: none of the developer's own tenant or ports.
  const {
    AUTH0_DOMAIN: _real,
    PORT: _port,
    LOCAL_TENANT_PORT: _tenantPort,
    LOCAL_TENANT_SMTP_PORT: _smtpPort,
    APP_BASE_URL: _appUrl,
    ...inherited
  } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
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
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
