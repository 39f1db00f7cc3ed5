// When an outbox entry is tried again: 2 s after the first failure, doubling each time, never
// more than `maxMs` apart (MAIL_RETRY_MAX_MS, default 5 min). After GIVE_UP_AFTER_MS the entry
// is marked failed and logged: a mail two days late says nothing useful any more.

export const FIRST_RETRY_MS = 2000;
export const GIVE_UP_AFTER_MS = 48 * 60 * 60 * 1000;

/** The wait after the `failures`-th failed try (1-based). */
export function retryDelayMs(failures: number, maxMs: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, maxMs);
}

/** SMTP's 5xx answers are permanent (bad address, refused): trying again cannot help. */
export function isPermanent(error: unknown): boolean {
  const code =
    typeof error === 'object' && error !== null && 'responseCode' in error
      ? Number(error.responseCode)
      : Number.NaN;
  return code >= 500 && code < 600;
}
