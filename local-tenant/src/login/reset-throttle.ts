// How often "Forgot password?" may send mail. Auth0's rate-limit tables give the reset request
// (`/dbconnections/change_password`, `u/reset-password/request/:connection`) a bucket of 10 that
// refills 1 a minute, "from an IP address to a unique email address". Here that bucket is kept per
// account whatever the address (so many addresses cannot mail one person more than one could),
// and each address gets a bucket of its own across accounts. A refused request is answered exactly
// like an allowed one ("We've just sent you an email"), as Auth0 does, so the answer tells nobody
// whether an account exists or was throttled; only the mail is not sent.

export type ResetBucket = { capacity: number; refillPerMinute: number };

/** Auth0's documented bucket, here per account (email, case-insensitive). */
export const RESET_PER_ACCOUNT: ResetBucket = { capacity: 10, refillPerMinute: 1 };
/** One address asking for many accounts (Auth0's per-address passwordless bucket: 50 an hour). */
export const RESET_PER_ADDRESS: ResetBucket = { capacity: 50, refillPerMinute: 50 / 60 };

/**
 * Above this many buckets, full ones (the same as no bucket) are dropped, at most once a minute so
 * a flood of made-up accounts costs one pass a minute, not one per request.
 */
const PRUNE_ABOVE = 10_000;
const PRUNE_EVERY_MS = 60_000;

type State = { tokens: number; at: number };

export class ResetThrottle {
  readonly #buckets = new Map<string, State>();
  #prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  #level(key: string, bucket: ResetBucket, t: number): number {
    const state = this.#buckets.get(key);
    if (!state) return bucket.capacity;
    const refilled = ((t - state.at) / 60_000) * bucket.refillPerMinute;
    return Math.min(bucket.capacity, state.tokens + Math.max(0, refilled));
  }

  #prune(t: number): void {
    if (this.#buckets.size <= PRUNE_ABOVE || t - this.#prunedAt < PRUNE_EVERY_MS) return;
    this.#prunedAt = t;
    for (const key of this.#buckets.keys()) {
      const bucket = key.startsWith('account:') ? RESET_PER_ACCOUNT : RESET_PER_ADDRESS;
      if (this.#level(key, bucket, t) >= bucket.capacity) this.#buckets.delete(key);
    }
  }

  /**
   * Counts one reset request for `email` from `ip`; true when its mail may be sent. A request the
   * address's bucket refuses takes nothing from the account's.
   */
  take(email: string, ip: string): boolean {
    const t = this.now();
    this.#prune(t);
    const keys: [string, ResetBucket][] = [
      [`address:${ip}`, RESET_PER_ADDRESS],
      [`account:${email.trim().toLowerCase()}`, RESET_PER_ACCOUNT],
    ];
    for (const [key, bucket] of keys) {
      const level = this.#level(key, bucket, t);
      if (level < 1) {
        this.#buckets.set(key, { tokens: level, at: t });
        return false;
      }
      this.#buckets.set(key, { tokens: level - 1, at: t });
    }
    return true;
  }

  /** How many buckets are held (for tests). */
  get size(): number {
    return this.#buckets.size;
  }

  reset(): void {
    this.#buckets.clear();
  }
}
