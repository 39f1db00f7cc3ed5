import { describe, expect, it } from 'vitest';
import {
  createMemoryUsedChallenges,
  createRedisUsedChallenges,
  type RedisSetNx,
} from './used-challenges';

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
  it('uses SET NX PX with the remaining lifetime', async () => {
    const store = new Map<string, string>();
    const calls: unknown[][] = [];
    const redis: RedisSetNx = {
      async set(key, value, px, ttl, nx) {
        calls.push([key, value, px, ttl, nx]);
        if (store.has(key)) return null;
        store.set(key, value);
        return 'OK';
      },
    };
    const used = createRedisUsedChallenges(redis, () => 1000);
    expect(await used.consume('abc', 301_000)).toBe(true);
    expect(await used.consume('abc', 301_000)).toBe(false);
    expect(calls[0]).toEqual(['keyward:webauthn:used:abc', '1', 'PX', 300_000, 'NX']);
  });
});
