// Small wire-level helpers. Nothing here prints a token: failed assertions show redacted copies.

import { decodeJwt, type JWTPayload } from 'jose';

const SECRET_FIELDS = new Set([
  'access_token',
  'refresh_token',
  'id_token',
  'auth_session',
  'client_secret',
  'totp_secret',
]);

/** A copy of a JSON value with every token-like field replaced, safe to show in a failed expect. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

export type JsonResponse = {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or null for an empty or non-JSON body. */
  body: Record<string, unknown> | null;
};

async function readJson(res: Response): Promise<JsonResponse> {
  const text = await res.text();
  let body: Record<string, unknown> | null = null;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  return { status: res.status, headers: res.headers, body };
}

/** POST application/x-www-form-urlencoded to a token endpoint, as the SDKs do. */
export async function postForm(
  fetchFn: typeof fetch,
  url: string,
  fields: Record<string, string>,
): Promise<JsonResponse> {
  return readJson(
    await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}

export async function requestJson(
  fetchFn: typeof fetch,
  url: string,
  init: { method: string; token?: string; body?: unknown },
): Promise<JsonResponse> {
  const headers = new Headers({ accept: 'application/json' });
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return readJson(
    await fetchFn(url, {
      method: init.method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
  );
}

/** A short, secret-free description of a response for failure messages and answers. */
export function describe(res: JsonResponse): string {
  const body = res.body ?? {};
  const detail = ['error', 'error_description', 'message', 'errorCode', 'title', 'detail']
    .map((k) => body[k])
    .filter((v) => typeof v === 'string')
    .join(' / ');
  return detail ? `${res.status} ${detail}` : String(res.status);
}

/** Claims of a JWT (no verification: only for reading `aud`, `scope`, `auth_time`). */
export function jwtClaims(token: unknown): JWTPayload | null {
  if (typeof token !== 'string' || token.split('.').length !== 3) return null;
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}

export const audiences = (claims: JWTPayload | null): string[] =>
  claims?.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
