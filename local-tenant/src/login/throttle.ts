import type { PageLocale } from './page-locale';
import { PAGE_TEXT } from './page-text';

// Brute-force protection for the password form, like Auth0's: after MAX_FAILURES failures for one
// email within WINDOW_MS, further attempts are refused until the window moves on. One IP gets a
// larger budget (MAX_IP_FAILURES) so a throttle test cannot lock every other e2e user on 127.0.0.1.

export const MAX_FAILURES = 5;
export const MAX_IP_FAILURES = 50;
export const WINDOW_MS = 15 * 60 * 1000;

export interface ThrottleKey {
  key: string;
  max: number;
}

export type ThrottleCheck = { blocked: false } | { blocked: true; retryAfterMs: number };

export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  #recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const kept = (this.#failures.get(key) ?? []).filter((at) => at > cutoff);
    if (kept.length) this.#failures.set(key, kept);
    else this.#failures.delete(key);
    return kept;
  }

  check(keys: ThrottleKey[]): ThrottleCheck {
    let retryAfterMs = 0;
    for (const { key, max } of keys) {
      const recent = this.#recent(key);
      if (recent.length >= max) {
        // Blocked until the oldest failure that still counts leaves the window.
        const oldest = recent[recent.length - max] ?? this.now();
        retryAfterMs = Math.max(retryAfterMs, oldest + WINDOW_MS - this.now());
      }
    }
    return retryAfterMs > 0 ? { blocked: true, retryAfterMs } : { blocked: false };
  }

  recordFailure(keys: ThrottleKey[]): void {
    for (const { key } of keys) this.#failures.set(key, [...this.#recent(key), this.now()]);
  }

  /** A successful sign-in clears that email's counter (not the IP's). */
  clear(key: string): void {
    this.#failures.delete(key);
  }

  reset(): void {
    this.#failures.clear();
  }
}

export function emailThrottleKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function throttleKeys(email: string, ip: string): ThrottleKey[] {
  return [
    { key: emailThrottleKey(email), max: MAX_FAILURES },
    { key: `ip:${ip}`, max: MAX_IP_FAILURES },
  ];
}

export function throttleMessage(retryAfterMs: number, locale: PageLocale = 'en'): string {
  return PAGE_TEXT[locale].tooManyAttempts(Math.max(1, Math.ceil(retryAfterMs / 60_000)));
}
