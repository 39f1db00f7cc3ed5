import 'server-only';
import {
  type IRateLimiterOptions,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { log } from '@/lib/core/log';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';
import { sharedRedis } from '@/lib/redis/connection';

export type Limiter = RateLimiterMemory | RateLimiterRedis;

/**
 * A limiter (rate-limiter-flexible) counted in memory, or in Redis when REDIS_URL is set so that
 * every instance shares the count. If Redis fails, an in-memory twin keeps counting for this
 * instance: a limit that stops protecting while Redis is away would fail open to floods.
 */
export function limiter(name: string, options: { points: number; durationSeconds: number }) {
  // One per name and shape per process (lib/core/registry.ts): every bundle counts the same requests.
  return processShared(`limiter:${name}:${options.points}/${options.durationSeconds}`, () => {
    const base: IRateLimiterOptions = {
      keyPrefix: `keyward:limit:${name}`,
      points: options.points,
      duration: options.durationSeconds,
    };
    const { redisUrl } = getEnv();
    return redisUrl
      ? new RateLimiterRedis({
          ...base,
          storeClient: sharedRedis(redisUrl),
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(base),
        })
      : new RateLimiterMemory(base);
  }) as Limiter;
}

/** Takes one point; null when allowed, else the milliseconds until a point is free again. */
export async function take(limit: Limiter, key: string): Promise<number | null> {
  try {
    await limit.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(rejection.msBeforeNext, 1);
    // Neither store answered: let the request through rather than fail every user at once.
    log('error', 'rate_limit_store_failed', {
      error: rejection instanceof Error ? rejection.message : 'unknown',
    });
    return null;
  }
}
