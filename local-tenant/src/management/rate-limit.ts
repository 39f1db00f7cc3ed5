/**
 * Token bucket for /api/v2/* (Auth0's model: burst = bucket size, refill per second). Off when
 * perSecond is null.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when another request will be allowed. */
  reset: number;
}

export class RateLimiter {
  #perSecond: number | null;
  #tokens = 0;
  #updatedAt = 0;

  constructor(
    perSecond: number | null,
    private readonly now: () => number = Date.now,
  ) {
    this.#perSecond = perSecond;
    this.#refillFull();
  }

  get perSecond(): number | null {
    return this.#perSecond;
  }

  set(perSecond: number | null): void {
    this.#perSecond = perSecond && perSecond > 0 ? perSecond : null;
    this.#refillFull();
  }

  #refillFull(): void {
    this.#tokens = this.#perSecond ?? 0;
    this.#updatedAt = this.now();
  }

  take(): RateDecision | undefined {
    const limit = this.#perSecond;
    if (limit === null) return undefined;
    const now = this.now();
    this.#tokens = Math.min(limit, this.#tokens + ((now - this.#updatedAt) / 1000) * limit);
    this.#updatedAt = now;
    const allowed = this.#tokens >= 1;
    if (allowed) this.#tokens -= 1;
    const msUntilToken = this.#tokens >= 1 ? 0 : ((1 - this.#tokens) / limit) * 1000;
    return {
      allowed,
      limit,
      remaining: Math.floor(this.#tokens),
      reset: Math.ceil((now + msUntilToken) / 1000),
    };
  }
}
