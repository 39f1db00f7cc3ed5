import 'server-only';
import type { Locale } from '@/lib/i18n/config';
import { localizeServerText } from '@/lib/i18n/server-text';

/** The one error body every API route answers with. */
export type ErrorBody = { error: { code: string; message: string } };

/** An error whose code and message are safe to show the caller. Anything else becomes a plain 500. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The error body, its message in the caller's language (messages are the catalogue's English). */
export function errorResponse(error: ApiError, requestId: string, locale: Locale = 'en'): Response {
  const message = localizeServerText(error.message, locale);
  const body: ErrorBody = { error: { code: error.code, message } };
  return Response.json(body, {
    status: error.status,
    headers: { ...error.headers, 'x-request-id': requestId, 'cache-control': 'no-store' },
  });
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
};
