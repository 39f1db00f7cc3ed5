import 'server-only';
import type Redis from 'ioredis';
import { processShared } from '@/lib/core/registry';
import { redisCall, sharedRedis } from '@/lib/redis/connection';

/**
 * Remembers which challenges have been spent, so a registration response cannot be replayed by
 * re-sending an old (still valid) challenge cookie alongside it.
 */
export interface UsedChallenges {
  /** Marks `challenge` as used until `expMs`. False when it had already been used. */
  consume(challenge: string, expMs: number): Promise<boolean>;
}

/**
 * Per-process record. With several app instances and no REDIS_URL, a replay that lands on
 * another instance is still stopped by the 5-minute expiry and, for the same credential, by
 * Auth0's 409 on a duplicate key_id. Entries live no longer than the challenge itself.
 */
export function createMemoryUsedChallenges(now: () => number = Date.now): UsedChallenges {
  const used = new Map<string, number>();
  return {
    async consume(challenge, expMs) {
      const t = now();
      for (const [key, exp] of used) if (exp <= t) used.delete(key);
      if (used.has(challenge)) return false;
      used.set(challenge, Math.max(expMs, t + 1000));
      return true;
    },
  };
}

/**
 * Shared record for multi-instance deployments: SET NX is atomic across instances. Redis away
 * means 503 before anything is verified or stored.
 */
export function createRedisUsedChallenges(
  redis: Redis,
  now: () => number = Date.now,
): UsedChallenges {
  return {
    async consume(challenge, expMs) {
      const ttl = Math.max(1000, expMs - now());
      const key = `keyward:webauthn:used:${challenge}`;
      const result = await redisCall(redis, (r) => r.set(key, '1', 'PX', ttl, 'NX'));
      return result === 'OK';
    },
  };
}

/** The process-wide record (lib/core/registry.ts): Redis when REDIS_URL is set, else in memory. */
export function getUsedChallenges(redisUrl: string | null): UsedChallenges {
  return processShared('used-challenges', () =>
    redisUrl ? createRedisUsedChallenges(sharedRedis(redisUrl)) : createMemoryUsedChallenges(),
  );
}
