import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningTenant, startTenant } from '@/local-tenant/src/server';
import { freePort, runScript } from '@/test/local-servers';
import { answers, probeTenant } from './ports';

// `npm run dev` with busy ports: it says which port and how to pick others, starts nothing, and
// never adopts a server on the tenant's port that is not a Keyward local tenant for this app.

const runDev = (env: Record<string, string>) => runScript('scripts/dev.ts', env);

function listen(server: Server | ReturnType<typeof createTcpServer>, port: number) {
  return new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}
const close = (server: { close: (cb: () => void) => void }) =>
  new Promise<void>((resolve) => server.close(() => resolve()));

describe('npm run dev with busy ports', () => {
  it('stops, without adopting it, when the tenant port holds some other web server', async () => {
    const [tenantPort, appPort] = [await freePort(), await freePort()];
    const seen: string[] = [];
    const other = createHttpServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await listen(other, tenantPort);
    try {
      const run = await runDev({
        LOCAL_TENANT_PORT: String(tenantPort),
        PORT: String(appPort),
      });
      expect(run.code).toBe(1);
      expect(run.output).toContain(
        `Port ${tenantPort} is in use by a server that is not a Keyward local tenant`,
      );
      expect(run.output).toContain('LOCAL_TENANT_PORT=');
      expect(run.output).not.toContain('Keyward:');
      expect(run.output).not.toContain('Using the local tenant');
      // Only looked at: its health and discovery, never a sign-in or an API call.
      expect(seen.every((r) => /^GET \/(_local\/health|\.well-known\/)/.test(r))).toBe(true);
      expect(await answers(appPort)).toBe(false);
    } finally {
      await close(other);
    }
  });

  it('stops when the tenant port holds something that does not speak HTTP', async () => {
    const [tenantPort, appPort] = [await freePort(), await freePort()];
    const other = createTcpServer((socket) => socket.destroy());
    await listen(other, tenantPort);
    try {
      const run = await runDev({ LOCAL_TENANT_PORT: String(tenantPort), PORT: String(appPort) });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`Port ${tenantPort} is in use by something`);
      expect(run.output).not.toContain('Keyward:');
    } finally {
      await close(other);
    }
  });

  it('stops before starting the tenant when the app port is taken', async () => {
    const [tenantPort, appPort] = [await freePort(), await freePort()];
    const other = createTcpServer();
    await listen(other, appPort);
    try {
      const run = await runDev({ LOCAL_TENANT_PORT: String(tenantPort), PORT: String(appPort) });
      expect(run.code).toBe(1);
      expect(run.output).toContain(`Port ${appPort} is already in use`);
      expect(run.output).toContain('PORT=');
      expect(run.output).not.toContain('Keyward:');
      expect(await answers(tenantPort)).toBe(false);
    } finally {
      await close(other);
    }
  });
});

describe('npm run dev with every default port busy', () => {
  it('names all three ports and their variables in one hint, and starts nothing', async () => {
    // The defaults: whatever of them is free now is taken for the test; a port someone else
    // already holds is just as busy.
    const held: ReturnType<typeof createTcpServer>[] = [];
    for (const port of [3000, 4400, 4425]) {
      const server = createTcpServer((socket) => socket.destroy());
      const took = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => resolve(true));
      });
      if (took) held.push(server);
    }
    try {
      const run = await runDev({});
      expect(run.code).toBe(1);
      expect(run.output).toContain('Port 3000 is already in use (PORT)');
      expect(run.output).toMatch(/Port 4400 is in use by .* \(LOCAL_TENANT_PORT\)/);
      expect(run.output).toContain('Port 4425 is already in use (LOCAL_TENANT_SMTP_PORT)');
      expect(run.output).toContain('Nothing was started.');
      expect(run.output).toContain('PORT=3001 LOCAL_TENANT_PORT=4401 LOCAL_TENANT_SMTP_PORT=4426');
      // Nothing started: no tenant banner, no raw EADDRINUSE, no "Local tenant exited".
      expect(run.output).not.toMatch(/Keyward:|EADDRINUSE|Local tenant exited|Local tenant:/);
    } finally {
      await Promise.all(held.map(close));
    }
  });
});

describe('probeTenant', () => {
  let tenant: RunningTenant;
  beforeAll(async () => {
    tenant = await startTenant({ port: 0, dbPath: ':memory:', appUrls: ['http://localhost:3000'] });
  });
  afterAll(() => tenant.close());

  it('adopts a Keyward local tenant that signs this app in', async () => {
    expect(await probeTenant(tenant.port, 'http://localhost:3000')).toEqual({ kind: 'ours' });
  });

  it('refuses one that was started for another app', async () => {
    expect(await probeTenant(tenant.port, 'http://localhost:3001')).toEqual({
      kind: 'other',
      detail: 'a Keyward local tenant for another app (it does not accept http://localhost:3001)',
    });
  });

  it('finds a free port free', async () => {
    expect(await probeTenant(await freePort(), 'http://localhost:3000')).toEqual({ kind: 'free' });
  });
});
