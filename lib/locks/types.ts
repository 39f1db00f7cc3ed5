import 'server-only';
import { ApiError } from '@/lib/core/errors';

/** Runs `fn` while holding the lock named `key`; at most one holder per key at a time. */
export type Lock = {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Releases resources (the Redis connection); only tests and shutdown need it. */
  close(): Promise<void>;
};

/**
 * The lock could not be taken in time: someone else is changing the same thing. 409, not 503:
 * the caller's own other request holds it (a double click, 20 at once), which is a conflict with
 * a change in progress, not an outage; no request anyone can send should answer 5xx.
 */
export function lockBusyError(): ApiError {
  return new ApiError(
    409,
    'busy',
    'Another change to your sign-in methods is in progress. Please try again in a moment.',
    { 'retry-after': '2' },
  );
}
