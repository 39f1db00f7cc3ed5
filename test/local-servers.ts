import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

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

/** A throwaway redis-server on a free port, with no persistence; `stop` kills it. */
export async function startRedisServer(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100 && !(await portOpen(port)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!(await portOpen(port))) {
    child.kill();
    throw new Error('redis-server did not start');
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
}
