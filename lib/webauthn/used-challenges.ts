import 'server-only';
import { type TtlStore, ttlStore } from '@/lib/state/ttl-store';

/**
 * Remembers which challenges have been spent, so a registration response cannot be replayed by
 * re-sending an old (still valid) challenge cookie alongside it. A safety record: it lives in the
 * TTL store (SQLite in KEYWARD_DATA_DIR, or Redis), so neither a restart nor a flood of other
 * records can make a spent challenge usable again, and every instance sharing the store sees it.
 */
export interface UsedChallenges {
  /** Marks `challenge` as used until `expMs`. False when it had already been used. */
  consume(challenge: string, expMs: number): Promise<boolean>;
}

/** The shortest time a challenge is remembered, even one that is (nearly) expired already. */
const MIN_REMEMBER_MS = 1000;

/** Spent challenges in `store`; claim() is atomic (SQLite upsert, Redis SET NX). */
export function createUsedChallenges(
  store: TtlStore,
  now: () => number = Date.now,
): UsedChallenges {
  return {
    consume: (challenge, expMs) =>
      store.claim(`webauthn-used:${challenge}`, '1', Math.max(MIN_REMEMBER_MS, expMs - now())),
  };
}

/** The process's record, in the process's TTL store (lib/state/ttl-store.ts). */
export function getUsedChallenges(): UsedChallenges {
  return createUsedChallenges(ttlStore());
}
