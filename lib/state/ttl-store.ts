import 'server-only';
import type Redis from 'ioredis';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';
import { redisCall, sharedRedis } from '@/lib/redis/connection';
import { type StateDb, sqliteCall, stateDb } from './db';

/**
 * Short-lived facts a safety decision rests on: "this Idempotency-Key was answered like this", "a
 * rotation was started a moment ago", "this code or challenge is spent". Durable and never
 * evicted: in SQLite by default, in Redis when REDIS_URL is set so every instance sees the same
 * entries. A failure to read or write is 503 `store_unavailable`, before anything is done.
 */
export type TtlStore = {
  get(key: string): Promise<string | null>;
  /** Stores `value` unless the key holds a live entry; true when this call stored it. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ttl_entries (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS ttl_entries_expires_at ON ttl_entries (expires_at);
`;

/** Expired rows are dropped at most this often, on a write. */
const PURGE_EVERY_MS = 60_000;

export function createSqliteTtlStore(db: StateDb, now: () => number = Date.now): TtlStore {
  // Making the table is a write too: a locked or read-only file is 503, not a 500.
  const { select, claim, upsert, remove, purge } = sqliteCall('ttl.open', () => {
    db.exec(SCHEMA);
    return {
      select: db.prepare<[string, number], { value: string }>(
        'SELECT value FROM ttl_entries WHERE key = ? AND expires_at > ?',
      ),
      // Takes the key if it is free or its entry has expired; `changes` says whether it did.
      claim: db.prepare(
        `INSERT INTO ttl_entries (key, value, expires_at) VALUES (@key, @value, @expiresAt)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
         WHERE ttl_entries.expires_at <= @now`,
      ),
      upsert: db.prepare(
        `INSERT INTO ttl_entries (key, value, expires_at) VALUES (@key, @value, @expiresAt)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      ),
      remove: db.prepare('DELETE FROM ttl_entries WHERE key = ?'),
      purge: db.prepare('DELETE FROM ttl_entries WHERE expires_at <= ?'),
    };
  });
  let lastPurge = 0;
  const purgeNow = () => {
    const t = now();
    if (t - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = t;
    purge.run(t);
  };
  return {
    async get(key) {
      return sqliteCall('ttl.get', () => select.get(key, now())?.value ?? null);
    },
    async claim(key, value, ttlMs) {
      return sqliteCall('ttl.claim', () => {
        purgeNow();
        const t = now();
        return claim.run({ key, value, expiresAt: t + ttlMs, now: t }).changes === 1;
      });
    },
    async set(key, value, ttlMs) {
      sqliteCall('ttl.set', () => {
        purgeNow();
        upsert.run({ key, value, expiresAt: now() + ttlMs });
      });
    },
    async delete(key) {
      sqliteCall('ttl.delete', () => remove.run(key));
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

/** The process's store (shared through Redis when REDIS_URL is set). */
export function ttlStore(): TtlStore {
  return processShared('ttl-store', () => {
    const { redisUrl } = getEnv();
    return redisUrl ? createRedisTtlStore(sharedRedis(redisUrl)) : createSqliteTtlStore(stateDb());
  });
}
