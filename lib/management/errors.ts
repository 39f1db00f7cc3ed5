import 'server-only';
import { ManagementError, ManagementTimeoutError } from 'auth0';
import { ApiError } from '@/lib/http/errors';

function retryAfterSeconds(error: ManagementError): number {
  const headers = error.rawResponse?.headers;
  const retryAfter = Number(headers?.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.ceil(retryAfter);
  const reset = Number(headers?.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - Date.now() / 1000));
  return 5;
}

/**
 * Maps a Management API failure to what our caller may see. Auth0's own messages stay in the
 * logs: they name tenant internals and are not written for the person on the page.
 */
export function managementErrorToApiError(error: unknown): ApiError | null {
  if (error instanceof ManagementTimeoutError) {
    return new ApiError(
      502,
      'upstream_unavailable',
      'Auth0 did not answer in time. Please try again.',
    );
  }
  if (!(error instanceof ManagementError)) return null;
  if (error.statusCode === 404)
    return new ApiError(404, 'not_found', 'That item no longer exists.');
  if (error.statusCode === 429) {
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
