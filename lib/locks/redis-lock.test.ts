import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '@/lib/redis/connection';
import { freePort, startRedisServer } from '@/test/local-servers';
import { createRedisLock } from './redis-lock';
import type { Lock } from './types';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let stopRedis: (() => void) | undefined;
let url = '';
let admin: Redis;
const connections: Redis[] = [];

/** A lock on a connection of its own, as each app instance has. */
function lock(options: { ttlMs?: number; waitMs?: number; to?: string } = {}): Lock {
  const redis = createRedisConnection(options.to ?? url);
  connections.push(redis);
  return createRedisLock({ redis, ttlMs: options.ttlMs ?? 30_000, waitMs: options.waitMs ?? 3000 });
}

beforeAll(async () => {
  const server = await startRedisServer();
  stopRedis = server.stop;
  url = server.url;
  admin = new Redis(url);
  expect(await admin.ping()).toBe('PONG');
});

afterAll(async () => {
  for (const redis of connections) redis.disconnect();
  admin?.disconnect();
  stopRedis?.();
});

describe('createRedisLock', () => {
  it('excludes holders across separate clients (as two app instances would be)', async () => {
    const a = lock();
    const b = lock();
    let inside = 0;
    let maxInside = 0;
    let done = 0;
    const task = (l: Lock) =>
      l.run('factors:auth0|bob', async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await sleep(15);
        inside--;
        done++;
      });
    await Promise.all(Array.from({ length: 10 }, (_, i) => task(i % 2 === 0 ? a : b)));
    expect(done).toBe(10);
    expect(maxInside).toBe(1);
    expect(await admin.exists('lock:factors:auth0|bob')).toBe(0);
  });

  it('does not serialise different keys', async () => {
    const a = lock();
    let inside = 0;
    let maxInside = 0;
    const task = (key: string) =>
      a.run(key, async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await sleep(40);
        inside--;
      });
    await Promise.all([task('factors:u1'), task('factors:u2')]);
    expect(maxInside).toBe(2);
  });

  it('releases on throw', async () => {
    const a = lock();
    await expect(
      a.run('factors:thrower', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await admin.exists('lock:factors:thrower')).toBe(0);
  });

  it('answers 409 busy when the lock stays taken', async () => {
    const a = lock({ waitMs: 150 });
    await admin.set('lock:factors:held', 'someone-else', 'PX', 5000);
    const started = Date.now();
    await expect(a.run('factors:held', async () => 'ran')).rejects.toMatchObject({
      status: 409,
      code: 'busy',
      headers: { 'retry-after': '2' },
    });
    expect(Date.now() - started).toBeLessThan(1500);
    await admin.del('lock:factors:held');
  });

  it("never deletes another holder's lock (token mismatch)", async () => {
    const a = lock({ ttlMs: 100 });
    await a.run('factors:slow', async () => {
      // Our TTL runs out mid-operation and someone else takes the lock.
      await sleep(200);
      expect(await admin.set('lock:factors:slow', 'other-token', 'PX', 5000, 'NX')).toBe('OK');
    });
    // Our compare-and-delete release left their lock alone.
    expect(await admin.get('lock:factors:slow')).toBe('other-token');
    await admin.del('lock:factors:slow');
  });

  it("lets a crashed holder's lock go when its TTL expires", async () => {
    // A holder that died without releasing: only the TTL frees the key.
    await admin.set('lock:factors:crashed', 'dead-holder', 'PX', 200);
    const b = lock({ waitMs: 2000 });
    const started = Date.now();
    await expect(b.run('factors:crashed', async () => 'ran')).resolves.toBe('ran');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('sets a TTL on the key it holds', async () => {
    const a = lock({ ttlMs: 30_000 });
    await a.run('factors:ttl', async () => {
      const ttl = await admin.pttl('lock:factors:ttl');
      expect(ttl).toBeGreaterThan(25_000);
      expect(ttl).toBeLessThanOrEqual(30_000);
    });
  });

  it('frees its key once a Redis that died while it was held is back, long before the TTL', async () => {
    // A Redis that keeps its data (an append-only file) comes back with the key still set.
    const server = await startRedisServer({ persistent: true });
    const redis = createRedisConnection(server.url);
    connections.push(redis);
    const other = createRedisConnection(server.url);
    connections.push(other);
    try {
      const a = createRedisLock({ redis, ttlMs: 30_000, waitMs: 1000 });
      await a.run('factors:blip', async () => {
        await server.down();
      });
      await server.up();
      const b = createRedisLock({ redis: other, ttlMs: 30_000, waitMs: 8000 });
      const started = Date.now();
      await expect(b.run('factors:blip', async () => 'ran')).resolves.toBe('ran');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await server.dispose();
    }
  });

  it('fails closed with 503 when Redis is unreachable', async () => {
    const port = await freePort();
    const dead = lock({ to: `redis://127.0.0.1:${port}`, waitMs: 500 });
    let ran = false;
    await expect(
      dead.run('factors:x', async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({
      status: 503,
      code: 'store_unavailable',
      headers: { 'retry-after': '2' },
    });
    expect(ran).toBe(false);
  });
});
