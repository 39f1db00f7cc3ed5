import { type BucketDecision, TokenBucket } from '../http/token-bucket';

/**
 * The Management API's tenant-wide limit for /api/v2/*: a token bucket refilling `perSecond`
 * requests per second, holding `burst` (default: the rate). Auth0's Free plan is 2/s, burst 2.
 * Off when perSecond is null.
 */
export interface RateSettings {
  perSecond: number | null;
  burst: number | null;
}

export type RateDecision = BucketDecision;

export class RateLimiter {
  #settings: RateSettings = { perSecond: null, burst: null };
  #bucket: TokenBucket | undefined;

  constructor(
    settings: RateSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.set(settings);
  }

  get perSecond(): number | null {
    return this.#settings.perSecond;
  }

  /** The bucket size in effect (null when the limit is off). */
  get burst(): number | null {
    const { perSecond, burst } = this.#settings;
    return perSecond === null ? null : (burst ?? perSecond);
  }

  /** Replaces the settings and starts with a full bucket. */
  set(settings: RateSettings): void {
    const positive = (value: number | null) => (value !== null && value > 0 ? value : null);
    this.#settings = { perSecond: positive(settings.perSecond), burst: positive(settings.burst) };
    const { perSecond } = this.#settings;
    this.#bucket =
      perSecond === null
        ? undefined
        : new TokenBucket(this.burst ?? perSecond, perSecond, this.now());
  }

  take(): RateDecision | undefined {
    return this.#bucket?.take(this.now());
  }
}
