import 'server-only';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { log } from '@/lib/http/log';
import { type Lock, lockBusyError, lockUnavailableError } from './types';

// Deletes the key only if it still holds our token, so a holder whose TTL ran out can never
// release the lock someone else has taken since (redis.io, "Distributed Locks with Redis").
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export type RedisLockOptions = {
  url: string;
  /** Lifetime of a held lock, so a crashed holder cannot block a key forever. */
  ttlMs: number;
  /** How long a caller may wait for the lock before getting 503 `busy`. */
  waitMs: number;
  /** Prefix of every lock key in Redis. */
  prefix?: string;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Races a Redis command against a deadline; an unreachable Redis must not hang the request. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('redis command timed out')), Math.max(ms, 1));
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A lock shared by every app instance that uses the same Redis: `SET key token NX PX ttl`, polled
 * with a small jittered backoff until `waitMs`, released by compare-and-delete.
 */
export function createRedisLock({ url, ttlMs, waitMs, prefix = 'lock:' }: RedisLockOptions): Lock {
  let client: Redis | undefined;
  const redis = (): Redis => {
    if (client) return client;
    client = new Redis(url, {
      // Fail fast instead of queueing commands for minutes while Redis is away.
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    // Without a listener ioredis reports connection errors as unhandled; each command fails anyway.
    client.on('error', () => {});
    return client;
  };

  async function acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      let ok: string | null;
      try {
        ok = await within(
          redis().set(key, token, 'PX', ttlMs, 'NX'),
          Math.max(deadline - Date.now(), 1000),
        );
      } catch (error) {
        log('error', 'lock_store_unavailable', {
          error: error instanceof Error ? error.message : 'unknown',
        });
        throw lockUnavailableError();
      }
      if (ok === 'OK') return;
      const left = deadline - Date.now();
      if (left <= 0) throw lockBusyError();
      // 20–60 ms at first, growing to 100–300 ms: quick hand-over, little load while a holder works.
      const base = Math.min(20 * 2 ** attempt, 100);
      await sleep(Math.min(left, base + Math.random() * base * 2));
    }
  }

  async function release(key: string, token: string): Promise<void> {
    try {
      await within(redis().eval(RELEASE_SCRIPT, 1, key, token), 2000);
    } catch (error) {
      // The TTL frees the key soon; the caller's own outcome must not be replaced by this.
      log('warn', 'lock_release_failed', {
        error: error instanceof Error ? error.message : 'unknown',
      });
    }
  }

  return {
    async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const key = `${prefix}${name}`;
      const token = randomBytes(16).toString('hex');
      await acquire(key, token);
      try {
        return await fn();
      } finally {
        await release(key, token);
      }
    },
    async close() {
      if (client) await client.quit().catch(() => client?.disconnect());
      client = undefined;
    },
  };
}
