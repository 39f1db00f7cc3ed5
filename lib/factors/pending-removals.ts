import 'server-only';
import type Redis from 'ioredis';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';
import { LANDING_HORIZON_MS } from '@/lib/locks/timing';
import { redisCall, sharedRedis } from '@/lib/redis/connection';
import { type StateDb, sqliteCall, stateDb } from '@/lib/state/db';

/**
 * Removals whose outcome Keyward could not learn: written ahead, before the DELETE leaves, and
 * kept when no answer came back, since Auth0 may still carry it out after any read we make. Until
 * a read shows the method gone, or the horizon passes with it still there, the removal policy
 * counts it as gone, so no second removal can leave the person with nothing when it lands late.
 */
export const PENDING_HORIZON_MS = LANDING_HORIZON_MS;

export type PendingRemovals = {
  /** methodId → epoch ms until which it counts as being removed. */
  list(userId: string): Promise<Map<string, number>>;
  add(userId: string, methodId: string, untilMs: number): Promise<void>;
  clear(userId: string, methodIds: readonly string[]): Promise<void>;
};

const SCHEMA = `
CREATE TABLE IF NOT EXISTS removal_intents (
  user_id TEXT NOT NULL,
  method_id TEXT NOT NULL,
  until INTEGER NOT NULL,
  PRIMARY KEY (user_id, method_id)
);
CREATE INDEX IF NOT EXISTS removal_intents_until ON removal_intents (until);
`;

/**
 * The record without Redis: a table in KEYWARD_DATA_DIR/state.sqlite, so a restart (a deploy, a
 * crash) inside a removal's pending window still counts it as gone. Rows past their horizon count
 * for nothing and are dropped on the next write; nothing else can push a row out.
 */
export function createSqlitePendingRemovals(
  db: StateDb,
  now: () => number = Date.now,
): PendingRemovals {
  // Making the table is a write too: a locked or read-only file is 503, and the DELETE unsent.
  const { select, upsert, remove, purge } = sqliteCall('pending.open', () => {
    db.exec(SCHEMA);
    return {
      select: db.prepare<[string, number], { method_id: string; until: number }>(
        'SELECT method_id, until FROM removal_intents WHERE user_id = ? AND until > ?',
      ),
      upsert: db.prepare(
        `INSERT INTO removal_intents (user_id, method_id, until) VALUES (?, ?, ?)
         ON CONFLICT (user_id, method_id) DO UPDATE SET until = excluded.until`,
      ),
      remove: db.prepare('DELETE FROM removal_intents WHERE user_id = ? AND method_id = ?'),
      purge: db.prepare('DELETE FROM removal_intents WHERE until <= ?'),
    };
  });
  return {
    async list(userId) {
      return sqliteCall('pending.list', () => {
        const rows = select.all(userId, now());
        return new Map(rows.map((r) => [r.method_id, r.until]));
      });
    },
    async add(userId, methodId, untilMs) {
      sqliteCall('pending.add', () => {
        purge.run(now());
        upsert.run(userId, methodId, untilMs);
      });
    },
    async clear(userId, methodIds) {
      if (methodIds.length === 0) return;
      sqliteCall('pending.clear', () => {
        for (const id of methodIds) remove.run(userId, id);
      });
    },
  };
}

/** One hash per user, shared by every instance, gone by itself after the horizon. */
export function createRedisPendingRemovals(redis: Redis): PendingRemovals {
  const key = (userId: string) => `keyward:pending-removals:${userId}`;
  return {
    async list(userId) {
      const raw = await redisCall(redis, (r) => r.hgetall(key(userId)));
      return new Map(Object.entries(raw).map(([id, until]) => [id, Number(until)]));
    },
    async add(userId, methodId, untilMs) {
      await redisCall(redis, (r) =>
        r
          .multi()
          .hset(key(userId), methodId, String(untilMs))
          .pexpire(key(userId), PENDING_HORIZON_MS)
          .exec(),
      );
    },
    async clear(userId, methodIds) {
      if (methodIds.length === 0) return;
      await redisCall(redis, (r) => r.hdel(key(userId), ...methodIds));
    },
  };
}

/** The process's record (lib/core/registry.ts): Redis when REDIS_URL is set, else SQLite. */
export function pendingRemovals(): PendingRemovals {
  return processShared('pending-removals', () => {
    const { redisUrl } = getEnv();
    return redisUrl
      ? createRedisPendingRemovals(sharedRedis(redisUrl))
      : createSqlitePendingRemovals(stateDb());
  });
}

/**
 * Settles what a fresh read can settle — gone means it happened; still there after the horizon
 * means it never will — and returns the ids that still count as being removed.
 */
export async function settlePending(
  store: PendingRemovals,
  userId: string,
  listedIds: ReadonlySet<string>,
  nowMs = Date.now(),
): Promise<Set<string>> {
  const pending = await store.list(userId);
  if (pending.size === 0) return new Set();
  const settled: string[] = [];
  const open = new Set<string>();
  for (const [id, until] of pending) {
    if (!listedIds.has(id) || until <= nowMs) settled.push(id);
    else open.add(id);
  }
  await store.clear(userId, settled);
  return open;
}
