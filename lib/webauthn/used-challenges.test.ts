import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection, redisCall } from '@/lib/redis/connection';
import { freePort, startRedisServer } from '@/test/local-servers';
import { createMemoryUsedChallenges, createRedisUsedChallenges } from './used-challenges';

describe('used challenges (memory)', () => {
  it('lets each challenge through once', async () => {
    const used = createMemoryUsedChallenges(() => 1000);
    expect(await used.consume('a', 10_000)).toBe(true);
    expect(await used.consume('a', 10_000)).toBe(false);
    expect(await used.consume('b', 10_000)).toBe(true);
  });

  it('forgets entries once the challenge itself has expired', async () => {
    let now = 1000;
    const used = createMemoryUsedChallenges(() => now);
    await used.consume('a', 5000);
    now = 6000;
    // The cookie's own exp refuses it from here on; the record need not grow forever.
    expect(await used.consume('a', 5000)).toBe(true);
  });

  it('is atomic under concurrent use', async () => {
    const used = createMemoryUsedChallenges();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => used.consume('same', Date.now() + 1000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('used challenges (redis)', () => {
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
    const a = createRedisUsedChallenges(connect(), () => now);
    const b = createRedisUsedChallenges(connect(), () => now);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).consume('abc', now + 300_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const ttl = await redisCall(connect(), (r) => r.pttl('keyward:webauthn:used:abc'));
    expect(ttl).toBeGreaterThan(295_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });

  it('answers 503 store_unavailable, never "unused", while Redis is down', async () => {
    const dead = createRedisUsedChallenges(connect(`redis://127.0.0.1:${await freePort()}`));
    await expect(dead.consume('abc', Date.now() + 300_000)).rejects.toMatchObject({
      status: 503,
      code: 'store_unavailable',
      headers: { 'retry-after': '2' },
    });
  });
});
