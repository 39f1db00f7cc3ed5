// managementCall with a deadline (the work of an action: a lock's, or a session end's), against a
// stand-in for Auth0 that answers the token request and then hangs or fails: the call ends by the
// deadline, not by its own longer timeout, and is sent once.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const KEYS = '/api/v2/keys/signing';
let server: Server;
let mode: 'hang' | 'fail' = 'hang';
let calls = 0;
let client: typeof import('./client');
const saved = { port: process.env.LOCAL_TENANT_PORT, domain: process.env.AUTH0_DOMAIN };

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/oauth/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 86_400 }));
      return;
    }
    if (req.url?.startsWith(KEYS)) calls++;
    if (mode === 'fail') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'down' }));
    }
    // 'hang': never answered.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Local mode: the Management API is http://127.0.0.1:{LOCAL_TENANT_PORT}.
  process.env.LOCAL_TENANT_PORT = String((server.address() as AddressInfo).port);
  delete process.env.AUTH0_DOMAIN;
  vi.resetModules();
  (await import('@/lib/core/registry')).forgetProcessShared();
  client = await import('./client');
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  process.env.LOCAL_TENANT_PORT = saved.port;
  if (saved.domain !== undefined) process.env.AUTH0_DOMAIN = saved.domain;
  else delete process.env.AUTH0_DOMAIN;
});

beforeEach(() => {
  calls = 0;
});

const listKeys = (deadlineMs: number) =>
  client.managementCall((m, options) => m.keys.signing.list(options), {
    deadline: client.deadlineIn(deadlineMs),
  });

describe('managementCall with a deadline', () => {
  it('gives up on a hanging Auth0 at the deadline, not at the read timeout (5 s)', async () => {
    mode = 'hang';
    const started = Date.now();
    await expect(listKeys(1000)).rejects.toBeInstanceOf(Error);
    // Generous for a slow CI; far below the 5 s read timeout.
    expect(Date.now() - started).toBeLessThan(3500);
  });

  it('sends a read once: no retry of its own that could outlast the deadline', async () => {
    mode = 'fail';
    await expect(listKeys(5000)).rejects.toMatchObject({ statusCode: 503 });
    expect(calls).toBe(1);
  });
});
