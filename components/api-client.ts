import { announceAccountChange } from '@/components/account-changes';
import { FRAME_HEADER } from '@/lib/embed/frame-policy';
import { commonText } from '@/lib/i18n/document-locale';
import { isRecord } from '@/lib/shapes/check';

// The one way our components call Keyward's own API. Every failure becomes
// { status, code, message }: the server's messages are written for the person, so the UI can show
// them as they are and react to the code. Failures of its own are worded in the page's language.

export type ApiFailure = { ok: false; status: number; code: string; message: string };
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export { isRecord, readWith } from '@/lib/shapes/check';

/** Request options for a JSON body. */
export const jsonBody = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** In a frame (the embed page), cookies a route sets need other attributes to come back. */
function framed(headers: HeadersInit | undefined): HeadersInit | undefined {
  if (typeof window === 'undefined' || window.parent === window) return headers;
  const all = new Headers(headers);
  all.set(FRAME_HEADER, '1');
  return all;
}

/**
 * Fetches `url` with the session cookie and reads a 2xx body with `read` (which sees null for a
 * 204). A body `read` rejects counts as a failure, so the UI never trusts an unexpected shape.
 */
export async function callApi<T>(
  url: string,
  init: RequestInit,
  read: (body: unknown) => T | null,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: framed(init.headers),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: commonText('network'),
    };
  }
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : {};
    return {
      ok: false,
      status: res.status,
      code: typeof error.code === 'string' ? error.code : 'unknown',
      message: typeof error.message === 'string' ? error.message : commonText('fallback'),
    };
  }
  const data = read(body);
  const method = (init.method ?? 'GET').toUpperCase();
  // Starting a ceremony (…/options) changes nothing; its finish or the naming does.
  const changes = method !== 'GET' && method !== 'HEAD' && !/\/options(\?|$)/.test(url);
  if (data !== null && changes) announceAccountChange();
  return data === null
    ? { ok: false, status: res.status, code: 'bad_response', message: commonText('fallback') }
    : { ok: true, status: res.status, data };
}
