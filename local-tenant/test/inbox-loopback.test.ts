import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackCaller } from '../src/http/loopback';
import type { RunningTenant } from '../src/server';
import { startTestTenant } from './helpers';

// The local inbox holds live password-reset links: only a caller on this machine may read or
// empty it. The socket's address decides, and a request a proxy forwarded is never local.

describe('loopback callers', () => {
  it('knows loopback addresses in every form Node reports them', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '::ffff:127.0.0.1',
      '0:0:0:0:0:0:0:1',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of [
      undefined,
      '',
      '192.0.2.1',
      '::ffff:192.0.2.1',
      '10.0.0.1',
      '2001:db8::1',
      '::',
      '0.0.0.0',
      '128.0.0.1',
      'localhost',
      '127.0.0.1.example.com',
    ]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });

  it('refuses a loopback socket that carries a forwarding header, and any other socket', () => {
    expect(isLoopbackCaller('127.0.0.1', {})).toBe(true);
    expect(isLoopbackCaller('::1', { host: 'localhost' })).toBe(true);
    expect(isLoopbackCaller('127.0.0.1', { 'x-forwarded-for': '203.0.113.5' })).toBe(false);
    expect(isLoopbackCaller('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(false);
    expect(isLoopbackCaller('127.0.0.1', { forwarded: 'for=203.0.113.5' })).toBe(false);
    expect(isLoopbackCaller('127.0.0.1', { 'x-real-ip': '203.0.113.5' })).toBe(false);
    expect(isLoopbackCaller('192.0.2.1', {})).toBe(false);
  });
});

describe('/_local/inbox* (running tenant)', () => {
  let tenant: RunningTenant;
  beforeAll(async () => {
    tenant = await startTestTenant();
  });
  afterAll(async () => tenant?.close());

  const paths: [string, string][] = [
    ['GET', '/_local/inbox'],
    ['GET', '/_local/inbox.json'],
    ['GET', '/_local/inbox.json?to=alice@example.com'],
    ['DELETE', '/_local/inbox'],
  ];

  it('serves a caller on this machine', async () => {
    for (const [method, path] of paths) {
      const res = await fetch(`${tenant.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
    }
  });

  it('answers 403 to a request forwarded from elsewhere, with no mail in it', async () => {
    for (const [method, path] of paths) {
      const forwarded: Record<string, string>[] = [
        { 'x-forwarded-for': '203.0.113.5' },
        { forwarded: 'for=203.0.113.5;proto=https' },
      ];
      for (const headers of forwarded) {
        const res = await fetch(`${tenant.url}${path}`, { method, headers });
        const body = await res.text();
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(JSON.parse(body)).toEqual({
          error: 'access_denied',
          error_description: 'The local inbox is served to this machine only.',
        });
      }
    }
  });
});
