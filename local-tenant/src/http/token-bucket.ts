/**
 * Auth0's rate-limit model: a bucket holding at most `capacity` requests (the burst) that refills
 * at `refillPerSecond`. Each request takes one token or is refused.
 */
export interface BucketDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when another request will be allowed (Auth0's `x-ratelimit-reset`). */
  reset: number;
  /** Whole seconds until another request will be allowed (for `retry-after`), at least 1. */
  retryAfter: number;
}

export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  take(now: number): BucketDecision {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.refillPerSecond);
    this.#updatedAt = now;
    const allowed = this.#tokens >= 1;
    if (allowed) this.#tokens -= 1;
    const msUntilToken = this.#tokens >= 1 ? 0 : ((1 - this.#tokens) / this.refillPerSecond) * 1000;
    return {
      allowed,
      limit: this.capacity,
      remaining: Math.floor(this.#tokens),
      reset: Math.ceil((now + msUntilToken) / 1000),
      retryAfter: Math.max(1, Math.ceil(msUntilToken / 1000)),
    };
  }
}
