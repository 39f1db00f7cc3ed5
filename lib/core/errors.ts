import 'server-only';

// The ground floor: imports nothing of Keyward's, so every layer may throw these.

/** The one error body every API route answers with. */
export type ErrorBody = { error: { code: string; message: string } };

const API_ERROR = Symbol.for('keyward.api-error');

/**
 * An error whose code and message are safe to show the caller (the message is the catalogue's
 * English; lib/http/error-response.ts translates it). Anything else becomes a plain 500.
 */
export class ApiError extends Error {
  readonly [API_ERROR] = true;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * True for an ApiError made by any copy of this module. Next evaluates lib/ once per route
   * bundle, so the lock, the limiter or a store (one per process, lib/core/registry.ts) may throw
   * the ApiError of whichever bundle created it; a plain `instanceof` would miss it and answer 500.
   */
  static override [Symbol.hasInstance](value: unknown): value is ApiError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [API_ERROR]?: unknown })[API_ERROR] === true
    );
  }
}

export const errors = {
  unauthorized: () => new ApiError(401, 'unauthorized', 'Sign in to continue.'),
  reauthRequired: () =>
    new ApiError(
      401,
      'reauth_required',
      'For your security, please sign in again before changing how you sign in.',
    ),
  forbidden: (message = 'You do not have access to this.') =>
    new ApiError(403, 'forbidden', message),
  crossOrigin: () =>
    new ApiError(403, 'cross_origin', 'This request did not come from this site and was refused.'),
  notFound: (message = 'Not found.') => new ApiError(404, 'not_found', message),
  internal: () =>
    new ApiError(500, 'internal_error', 'Something went wrong on our side. Please try again.'),
  /** A store a safety decision needs did not answer: nothing was done. */
  storeUnavailable: () =>
    new ApiError(
      503,
      'store_unavailable',
      'We could not safely make this change right now. Please try again in a moment.',
      { 'retry-after': '2' },
    ),
};
