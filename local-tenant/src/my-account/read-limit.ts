import { type BucketDecision, TokenBucket } from '../http/token-bucket';

/**
 * The My Account API's per-user read limit: `perMinute` list reads per user per minute, as a
 * token bucket holding `perMinute` (Auth0's Free plan: 2 per minute). Off when null.
 */
export class UserReadLimiter {
  #perMinute: number | null;
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(
    perMinute: number | null,
    private readonly now: () => number = Date.now,
  ) {
    this.#perMinute = perMinute;
  }

  get perMinute(): number | null {
    return this.#perMinute;
  }

  /** Changes the limit; every user starts again with a full bucket. */
  set(perMinute: number | null): void {
    this.#perMinute = perMinute !== null && perMinute > 0 ? perMinute : null;
    this.#buckets.clear();
  }

  take(userId: string): BucketDecision | undefined {
    const perMinute = this.#perMinute;
    if (perMinute === null) return undefined;
    let bucket = this.#buckets.get(userId);
    if (!bucket) {
      bucket = new TokenBucket(perMinute, perMinute / 60, this.now());
      this.#buckets.set(userId, bucket);
    }
    return bucket.take(this.now());
  }

  /** Forgets every user's usage (the limit itself stays). */
  reset(): void {
    this.#buckets.clear();
  }
}
