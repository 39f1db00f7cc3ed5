import 'server-only';
import type Redis from 'ioredis';
import { getEnv } from '@/lib/env';
import { redisCall, sharedRedis } from '@/lib/redis/connection';

/**
 * Removals whose outcome Keyward could not learn: the DELETE left, no answer came back, and Auth0
 * may still carry it out after any read we make. Until a read shows the method gone, or the
 * horizon passes with it still there, the removal policy counts it as gone, so no second removal
 * can leave the person with nothing when the first one lands late.
 */
export const PENDING_HORIZON_MS = 120_000;

export type PendingRemovals = {
  /** methodId → epoch ms until which it counts as being removed. */
  list(userId: string): Promise<Map<string, number>>;
  add(userId: string, methodId: string, untilMs: number): Promise<void>;
  clear(userId: string, methodIds: readonly string[]): Promise<void>;
};

/**
 * Users with a pending removal, at most, in one process's memory. Entries past their horizon no
 * longer count for anything and are dropped whenever one is added; the bound only matters for a
 * flood of unanswered DELETEs, and then drops the oldest user's entry first.
 */
const MAX_MEMORY_USERS = 10_000;

export function createMemoryPendingRemovals(now: () => number = Date.now): PendingRemovals {
  const byUser = new Map<string, Map<string, number>>();
  const dropExpired = () => {
    const t = now();
    for (const [user, entries] of byUser) {
      for (const [id, until] of entries) if (until <= t) entries.delete(id);
      if (entries.size === 0) byUser.delete(user);
    }
  };
  return {
    async list(userId) {
      return new Map(byUser.get(userId));
    },
    async add(userId, methodId, untilMs) {
      dropExpired();
      const entries = byUser.get(userId) ?? new Map<string, number>();
      entries.set(methodId, untilMs);
      byUser.delete(userId);
      if (byUser.size >= MAX_MEMORY_USERS) {
        const oldest = byUser.keys().next().value;
        if (oldest !== undefined) byUser.delete(oldest);
      }
      byUser.set(userId, entries);
    },
    async clear(userId, methodIds) {
      const entries = byUser.get(userId);
      for (const id of methodIds) entries?.delete(id);
      if (entries?.size === 0) byUser.delete(userId);
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

const SLOT = Symbol.for('keyward.pending-removals');
type Slot = { [SLOT]?: PendingRemovals };

export function pendingRemovals(): PendingRemovals {
  const slot: typeof globalThis & Slot = globalThis;
  const { redisUrl } = getEnv();
  slot[SLOT] ??= redisUrl
    ? createRedisPendingRemovals(sharedRedis(redisUrl))
    : createMemoryPendingRemovals();
  return slot[SLOT];
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
