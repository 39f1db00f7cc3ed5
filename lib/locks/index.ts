import 'server-only';
import { processShared } from '@/lib/core/registry';
import { runWithinDeadline } from '@/lib/core/work-scope';
import { getEnv } from '@/lib/env';
import { sharedRedis } from '@/lib/redis/connection';
import { createMemoryLock } from './memory-lock';
import { createRedisLock } from './redis-lock';
import { LOCK_TTL_MS, WORK_BUDGET_MS } from './timing';
import type { Lock } from './types';

export { createMemoryLock } from './memory-lock';
export { createRedisLock } from './redis-lock';
export { LOCK_TTL_MS, REREAD_RESERVE_MS, WORK_BUDGET_MS } from './timing';
export { type Lock, lockBusyError } from './types';

/** The process's lock (lib/core/registry.ts): every bundle must share one lock table. */
function appLock(): Lock {
  return processShared('lock', () => {
    const { redisUrl, lockWaitMs } = getEnv();
    return redisUrl
      ? createRedisLock({ redis: sharedRedis(redisUrl), ttlMs: LOCK_TTL_MS, waitMs: lockWaitMs })
      : createMemoryLock({ waitMs: lockWaitMs });
  });
}

/**
 * Runs `fn` under any named app lock (e.g. the tenant's signing keys), within WORK_BUDGET_MS of
 * taking it: every request to Auth0 made inside is aborted then, or when `fn` settles, before the
 * lock is released (./timing.ts proves this ends inside the lock's TTL).
 */
export function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return appLock().run(name, () => runWithinDeadline(WORK_BUDGET_MS, fn));
}

/**
 * Runs `fn` while holding this user's sign-in-methods lock: in-process by default, or in Redis
 * (`lock:factors:{userId}`) when REDIS_URL is set so every instance shares it. Throws 409 `busy`
 * with Retry-After if the lock is not free within LOCK_WAIT_MS; never runs `fn` unlocked.
 */
export function withUserLock<T>(userId: string, fn: () => Promise<T>): Promise<T> {
  return withLock(`factors:${userId}`, fn);
}
