import 'server-only';
import type { ApiError, ErrorBody } from '@/lib/core/errors';
import type { Locale } from '@/lib/i18n/config';
import { localizeServerText } from '@/lib/i18n/server-text';

/** The error body, its message in the caller's language (messages are the catalogue's English). */
export function errorResponse(error: ApiError, requestId: string, locale: Locale = 'en'): Response {
  const message = localizeServerText(error.message, locale);
  const body: ErrorBody = { error: { code: error.code, message } };
  return Response.json(body, {
    status: error.status,
    headers: { ...error.headers, 'x-request-id': requestId, 'cache-control': 'no-store' },
  });
}
