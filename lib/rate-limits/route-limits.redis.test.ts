// With REDIS_URL every instance counts in Redis, where all limits share one key space: each
// route's user and address counts must still be their own.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startRedisServer } from '@/test/local-servers';

const redis = await startRedisServer();
// The environment is read once per process, so this file sets it before anything reads it.
vi.stubEnv('REDIS_URL', redis.url);
const { enforceRouteLimit, ROUTE_LIMITS } = await import('./route-limits');
const { forgetProcessShared } = await import('@/lib/core/registry');
// Until the connection is up, a limiter counts in its in-memory twin: wait for it, so every count
// below is Redis's.
const { redisCall, sharedRedis } = await import('@/lib/redis/connection');
await redisCall(sharedRedis(redis.url), (r) => r.ping());

afterAll(() => {
  forgetProcessShared();
  redis.stop();
});

describe('route limits in Redis', () => {
  // The larger allowance is spent first: were the counts shared, the smaller one would be over.
  it('counts a user’s changes apart from their admin actions', async () => {
    for (let i = 0; i < ROUTE_LIMITS.change.user; i++) {
      await enforceRouteLimit('change', 'auth0|shared-redis', `10.1.${i}.1`);
    }
    await expect(
      enforceRouteLimit('change', 'auth0|shared-redis', '10.2.0.1'),
    ).rejects.toMatchObject({ status: 429 });
    await expect(
      enforceRouteLimit('admin', 'auth0|shared-redis', '10.2.0.2'),
    ).resolves.toBeUndefined();
  });

  it('counts an address’s changes apart from its admin actions', async () => {
    for (let i = 0; i < ROUTE_LIMITS.change.ip; i++) {
      await enforceRouteLimit('change', `auth0|changer${i}`, '192.0.2.99');
    }
    await expect(
      enforceRouteLimit('change', 'auth0|changer-x', '192.0.2.99'),
    ).rejects.toMatchObject({ status: 429 });
    await expect(enforceRouteLimit('admin', 'auth0|admin', '192.0.2.99')).resolves.toBeUndefined();
  });
});
