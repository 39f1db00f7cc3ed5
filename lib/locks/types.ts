import 'server-only';
import { ApiError } from '@/lib/http/errors';

/** Runs `fn` while holding the lock named `key`; at most one holder per key at a time. */
export type Lock = {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Releases resources (the Redis connection); only tests and shutdown need it. */
  close(): Promise<void>;
};

/** The lock could not be taken in time: someone else is changing the same thing. */
export function lockBusyError(): ApiError {
  return new ApiError(
    503,
    'busy',
    'Another change to your sign-in methods is in progress. Please try again in a moment.',
    { 'retry-after': '2' },
  );
}

/**
 * The lock store itself failed (Redis down). We fail closed: without the lock the last-factor
 * check is not race-safe, so the change is refused rather than made unguarded.
 */
export function lockUnavailableError(): ApiError {
  return new ApiError(
    503,
    'lock_unavailable',
    'We could not safely make this change right now. Please try again in a moment.',
    { 'retry-after': '2' },
  );
}
