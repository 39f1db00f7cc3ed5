import 'server-only';
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { log } from '@/lib/core/log';
import { redisCall } from '@/lib/redis/connection';
import { type Lock, lockBusyError } from './types';

// Deletes the key only if it still holds our token, so a holder whose TTL ran out can never
// release the lock someone else has taken since (redis.io, "Distributed Locks with Redis").
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export type RedisLockOptions = {
  /** The shared connection (lib/redis/connection.ts), which fails fast while Redis is away. */
  redis: Redis;
  /** Lifetime of a held lock, so a crashed holder cannot block a key forever. */
  ttlMs: number;
  /** How long a caller may wait for the lock before getting 503 `busy`. */
  waitMs: number;
  /** Prefix of every lock key in Redis. */
  prefix?: string;
};

/** How often a release that failed (Redis away) is tried again, until the TTL would end it. */
const RELEASE_RETRY_MS = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A lock shared by every app instance that uses the same Redis: `SET key token NX PX ttl`, polled
 * with a small jittered backoff until `waitMs`, released by compare-and-delete.
 */
export function createRedisLock({
  redis,
  ttlMs,
  waitMs,
  prefix = 'lock:',
}: RedisLockOptions): Lock {
  async function acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      // Redis away or slow: 503, and `fn` never runs unlocked (fail closed).
      const ok = await redisCall(redis, (r) => r.set(key, token, 'PX', ttlMs, 'NX'));
      if (ok === 'OK') return;
      const left = deadline - Date.now();
      if (left <= 0) throw lockBusyError();
      // 20–60 ms at first, growing to 100–300 ms: quick hand-over, little load while a holder works.
      const base = Math.min(20 * 2 ** attempt, 100);
      await sleep(Math.min(left, base + Math.random() * base * 2));
    }
  }

  async function release(key: string, token: string, until: number): Promise<void> {
    try {
      await redis.eval(RELEASE_SCRIPT, 1, key, token);
    } catch (error) {
      // The caller's own outcome must not be replaced by this.
      log('warn', 'lock_release_failed', {
        error: error instanceof Error ? error.message : 'unknown',
      });
      // A Redis that keeps its data (as production's does) comes back with the key still held,
      // and the TTL alone would block the user's next change for up to its whole length. Try
      // again in the background until it would have expired anyway; compare-and-delete never
      // frees a lock someone else holds.
      releaseLater(key, token, until);
    }
  }

  function releaseLater(key: string, token: string, until: number): void {
    if (Date.now() + RELEASE_RETRY_MS >= until) return;
    const timer = setTimeout(() => {
      redis.eval(RELEASE_SCRIPT, 1, key, token).catch(() => releaseLater(key, token, until));
    }, RELEASE_RETRY_MS);
    timer.unref();
  }

  return {
    async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const key = `${prefix}${name}`;
      const token = randomBytes(16).toString('hex');
      await acquire(key, token);
      const until = Date.now() + ttlMs;
      try {
        return await fn();
      } finally {
        await release(key, token, until);
      }
    },

    async close() {
      // The connection is shared; its owner closes it.
    },
  };
}
