import 'server-only';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';
import { sharedRedis } from '@/lib/redis/connection';
import { createMemoryLock } from './memory-lock';
import { createRedisLock } from './redis-lock';
import type { Lock } from './types';

export { createMemoryLock } from './memory-lock';
export { createRedisLock } from './redis-lock';
export { type Lock, lockBusyError } from './types';

/**
 * How long a Redis lock lives if its holder dies. The work under it is a few Management API calls,
 * each at most 2 attempts × 5 s plus backoff (lib/management/client.ts), about 11 s; 30 s stays
 * well above that, because an expired TTL mid-operation would let a second request in (Auth0
 * checks no fencing token), yet a crashed instance blocks the user for half a minute at most.
 */
export const LOCK_TTL_MS = 30_000;

/** The process's lock (lib/core/registry.ts): every bundle must share one lock table. */
function appLock(): Lock {
  return processShared('lock', () => {
    const { redisUrl, lockWaitMs } = getEnv();
    return redisUrl
      ? createRedisLock({ redis: sharedRedis(redisUrl), ttlMs: LOCK_TTL_MS, waitMs: lockWaitMs })
      : createMemoryLock({ waitMs: lockWaitMs });
  });
}

/** Runs `fn` under any named app lock (e.g. the tenant's signing keys). */
export function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return appLock().run(name, fn);
}

/**
 * Runs `fn` while holding this user's sign-in-methods lock: in-process by default, or in Redis
 * (`lock:factors:{userId}`) when REDIS_URL is set so every instance shares it. Throws 503 `busy`
 * with Retry-After if the lock is not free within LOCK_WAIT_MS; never runs `fn` unlocked.
 */
export function withUserLock<T>(userId: string, fn: () => Promise<T>): Promise<T> {
  return withLock(`factors:${userId}`, fn);
}
