import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection, redisCall } from '@/lib/redis/connection';
import { openStateDb } from '@/lib/state/db';
import { createRedisTtlStore, createSqliteTtlStore } from '@/lib/state/ttl-store';
import { freePort, startRedisServer } from '@/test/local-servers';
import { createUsedChallenges } from './used-challenges';

const inSqlite = (now?: () => number) =>
  createUsedChallenges(createSqliteTtlStore(openStateDb(':memory:'), now), now);

describe('used challenges (the SQLite TTL store)', () => {
  it('lets each challenge through once', async () => {
    const used = inSqlite(() => 1000);
    expect(await used.consume('a', 10_000)).toBe(true);
    expect(await used.consume('a', 10_000)).toBe(false);
    expect(await used.consume('b', 10_000)).toBe(true);
  });

  it('forgets entries once the challenge itself has expired', async () => {
    let now = 1000;
    const used = inSqlite(() => now);
    await used.consume('a', 5000);
    now = 6000;
    // The cookie's own exp refuses it from here on; the record need not grow forever.
    expect(await used.consume('a', 5000)).toBe(true);
  });

  it('is atomic under concurrent use', async () => {
    const used = inSqlite();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => used.consume('same', Date.now() + 1000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('survives a restart: a second process on the same file still refuses the challenge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-used-'));
    try {
      const path = join(dir, 'state.sqlite');
      const first = openStateDb(path);
      expect(
        await createUsedChallenges(createSqliteTtlStore(first)).consume('c', Date.now() + 60_000),
      ).toBe(true);
      first.close();
      const second = openStateDb(path);
      expect(
        await createUsedChallenges(createSqliteTtlStore(second)).consume('c', Date.now() + 60_000),
      ).toBe(false);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not evicted by a flood of other spent challenges', async () => {
    const used = inSqlite();
    const exp = Date.now() + 300_000;
    expect(await used.consume('kept', exp)).toBe(true);
    for (let i = 0; i < 20_000; i++) await used.consume(`flood-${i}`, exp);
    expect(await used.consume('kept', exp)).toBe(false);
  });
});

describe('used challenges (the Redis TTL store)', () => {
  let stop: (() => void) | undefined;
  let url = '';
  const connections: Redis[] = [];
  const connect = (to = url) => {
    const redis = createRedisConnection(to);
    connections.push(redis);
    return redis;
  };

  beforeAll(async () => {
    ({ url, stop } = await startRedisServer());
  });
  afterAll(() => {
    for (const redis of connections) redis.disconnect();
    stop?.();
  });

  it('lets each challenge through once across instances, for its remaining lifetime', async () => {
    const now = Date.now();
    const a = createUsedChallenges(createRedisTtlStore(connect()), () => now);
    const b = createUsedChallenges(createRedisTtlStore(connect()), () => now);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).consume('abc', now + 300_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const ttl = await redisCall(connect(), (r) => r.pttl('keyward:ttl:webauthn-used:abc'));
    expect(ttl).toBeGreaterThan(295_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });

  it('answers 503 store_unavailable, never "unused", while Redis is down', async () => {
    const dead = createUsedChallenges(
      createRedisTtlStore(connect(`redis://127.0.0.1:${await freePort()}`)),
    );
    await expect(dead.consume('abc', Date.now() + 300_000)).rejects.toMatchObject({
      status: 503,
      code: 'store_unavailable',
      headers: { 'retry-after': '2' },
    });
  });
});
