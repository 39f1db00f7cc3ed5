import 'server-only';
import type Redis from 'ioredis';
import { getEnv } from '@/lib/env';
import { redisCall, sharedRedis } from './connection';

/**
 * A small key-value store whose entries expire: in memory by default, in Redis when REDIS_URL is
 * set so every instance sees the same entries. For short-lived facts such as "a rotation was
 * started a moment ago" or "this Idempotency-Key was answered like this".
 */
export type TtlStore = {
  get(key: string): Promise<string | null>;
  /** Stores `value` unless the key exists; true when this call stored it. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
};

/** Entries at most: an admin-only store stays tiny, but a bound keeps any flood from growing it. */
const MAX_MEMORY_ENTRIES = 10_000;

export function createMemoryTtlStore(now: () => number = Date.now): TtlStore {
  const entries = new Map<string, { value: string; until: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.until <= now()) entries.delete(key);
    return entries.get(key) ?? null;
  };
  const put = (key: string, value: string, ttlMs: number) => {
    entries.delete(key);
    if (entries.size >= MAX_MEMORY_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(key, { value, until: now() + ttlMs });
  };
  return {
    async get(key) {
      return live(key)?.value ?? null;
    },
    async claim(key, value, ttlMs) {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
    async set(key, value, ttlMs) {
      put(key, value, ttlMs);
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}

export function createRedisTtlStore(redis: Redis, prefix = 'keyward:ttl:'): TtlStore {
  return {
    get: (key) => redisCall(redis, (r) => r.get(prefix + key)),
    async claim(key, value, ttlMs) {
      return (
        (await redisCall(redis, (r) => r.set(prefix + key, value, 'PX', ttlMs, 'NX'))) === 'OK'
      );
    },
    async set(key, value, ttlMs) {
      await redisCall(redis, (r) => r.set(prefix + key, value, 'PX', ttlMs));
    },
    async delete(key) {
      await redisCall(redis, (r) => r.del(prefix + key));
    },
  };
}

const SLOT = Symbol.for('keyward.ttl-store');
type Slot = { [SLOT]?: TtlStore };

/** The process's store (shared through Redis when REDIS_URL is set). */
export function ttlStore(): TtlStore {
  const slot: typeof globalThis & Slot = globalThis;
  const { redisUrl } = getEnv();
  slot[SLOT] ??= redisUrl ? createRedisTtlStore(sharedRedis(redisUrl)) : createMemoryTtlStore();
  return slot[SLOT];
}
