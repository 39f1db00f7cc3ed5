import 'server-only';
import { ManagementError, ManagementTimeoutError } from 'auth0';
import { ApiError } from '@/lib/core/errors';

/** Seconds until Auth0 will take the request again: its Retry-After, else X-RateLimit-Reset, else 5. */
export function retryAfterSeconds(error: ManagementError): number {
  const headers = error.rawResponse?.headers;
  const retryAfter = Number(headers?.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.ceil(retryAfter);
  const reset = Number(headers?.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - Date.now() / 1000));
  return 5;
}

// The SDK's token provider rethrows fetch's own TypeError when /oauth/token cannot be reached,
// and reports its failures with messages of its own; neither ever reached the API itself.
const isTokenFailure = (error: unknown) =>
  (error instanceof TypeError && /fetch failed/i.test(error.message)) ||
  (error instanceof ManagementError && /token request/i.test(error.message));

/**
 * What a failed write says about whether it happened at Auth0:
 * - `not_done`: refused before anything changed (a 4xx or 429, a failed token request, our own
 *   refusal to start it);
 * - `check`: Auth0 answered with an error after handling it (a 500); a fresh read tells;
 * - `in_flight`: no answer, or a gateway's (timeout, broken or aborted connection, 408, 502-504):
 *   Auth0 may still be working on it, and may act after any read we make now.
 */
export type WriteFailure = 'not_done' | 'check' | 'in_flight';

const GATEWAY: ReadonlySet<number> = new Set([408, 502, 503, 504]);

export function classifyWriteFailure(error: unknown): WriteFailure {
  if (error instanceof ApiError || isTokenFailure(error)) return 'not_done';
  if (error instanceof ManagementTimeoutError) return 'in_flight';
  if (!(error instanceof ManagementError)) return 'in_flight';
  const status = error.statusCode;
  if (status === undefined || GATEWAY.has(status)) return 'in_flight';
  return status >= 500 ? 'check' : 'not_done';
}

const unreachable = () =>
  new ApiError(
    503,
    'upstream_unavailable',
    'We couldn’t reach Auth0 just now. Please try again in a moment.',
    { 'retry-after': '5' },
  );

/**
 * Maps any failure of Auth0's Management API (or of reaching it) to what our caller may see.
 * Auth0's own messages stay in the logs: they name tenant internals and are not written for the
 * person on the page. Null for errors that are not Auth0's, which the caller treats as a bug.
 */
export function managementErrorToApiError(error: unknown): ApiError | null {
  if (isTokenFailure(error) || error instanceof ManagementTimeoutError) return unreachable();
  if (!(error instanceof ManagementError)) return null;
  const status = error.statusCode;
  if (status === undefined || status === 408) return unreachable();
  if (status === 404) return new ApiError(404, 'not_found', 'That item no longer exists.');
  if (status === 429) {
    const seconds = retryAfterSeconds(error);
    return new ApiError(
      503,
      'rate_limited',
      `Auth0 is busy right now. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
      { 'retry-after': String(seconds) },
    );
  }
  return new ApiError(
    502,
    'upstream_error',
    'Auth0 could not complete the request. Please try again.',
  );
}

/**
 * A 403 for a feature the tenant's plan lacks (sessions need Enterprise; logs depend on the
 * plan's retention), as opposed to a 403 for a scope the M2M grant misses. Auth0's exact body
 * for the plan is unconfirmed; its scope refusals say `insufficient_scope` and name the scope,
 * so every other 403 counts as the plan (npm run doctor tells them apart the same way).
 */
export function isPlanRefusal(error: unknown): boolean {
  if (!(error instanceof ManagementError) || error.statusCode !== 403) return false;
  const body = error.body as { errorCode?: unknown; message?: unknown } | undefined;
  const said = `${String(body?.errorCode ?? '')} ${String(body?.message ?? error.message)}`;
  return !/scope/i.test(said);
}
