import { type ApiFailure, callApi } from '@/components/api-client';
import { commonText } from '@/lib/i18n/document-locale';
import {
  arrayOf,
  type Checked,
  isBoolean,
  isCount,
  isString,
  nullable,
  objectOf,
  oneOf,
  readWith,
} from '@/lib/shapes/check';

const isKey = objectOf({
  kid: isString,
  state: oneOf(['current', 'next', 'previous', 'revoked'] as const),
  currentSince: nullable(isString),
  currentUntil: nullable(isString),
  revokedAt: nullable(isString),
  fingerprint: isString,
  thumbprint: isString,
  cert: isString,
});

const isKeysBody = objectOf({
  keys: nullable(arrayOf(isKey)),
  collapsed: (v: unknown): v is boolean | undefined => v === undefined || isBoolean(v),
  retryAfterSeconds: (v: unknown): v is number | undefined => v === undefined || isCount(v),
});

export type ClientSigningKey = Checked<typeof isKey>;

export type ApiResult =
  | {
      ok: true;
      keys: ClientSigningKey[] | null;
      /** The request joined a rotation made moments before: nothing was changed. */
      collapsed: boolean;
      /** With `collapsed`: when a rotation may be asked for again. */
      retryAfterSeconds: number | null;
    }
  | ApiFailure;

export type KeyAction =
  | { kind: 'rotate' }
  | { kind: 'rotate-and-revoke' }
  | { kind: 'revoke'; kid: string };

/** What survives the re-auth round trip in the `resume` query parameter. */
export function actionToResume(action: KeyAction): string {
  return action.kind === 'revoke' ? `revoke:${action.kid}` : action.kind;
}

export function resumeToAction(resume: string): KeyAction | null {
  if (resume === 'rotate' || resume === 'rotate-and-revoke') return { kind: resume };
  if (resume.startsWith('revoke:') && resume.length > 'revoke:'.length) {
    return { kind: 'revoke', kid: resume.slice('revoke:'.length) };
  }
  return null;
}

function actionPath(apiBase: string, action: KeyAction): string {
  if (action.kind === 'revoke') return `${apiBase}/${encodeURIComponent(action.kid)}/revoke`;
  return `${apiBase}/${action.kind}`;
}

async function send(url: string, init: RequestInit): Promise<ApiResult> {
  const result = await callApi(url, init, readWith(isKeysBody));
  if (result.ok) {
    const { keys, collapsed, retryAfterSeconds } = result.data;
    return { ok: true, keys, collapsed: !!collapsed, retryAfterSeconds: retryAfterSeconds ?? null };
  }
  // A 429 from something in front of Keyward carries none of our error body.
  if (result.status === 429 && result.code === 'unknown') {
    return { ...result, message: commonText('tooManyRequests') };
  }
  return result;
}

export function fetchKeys(apiBase: string): Promise<ApiResult> {
  return send(apiBase, { method: 'GET' });
}

/** One key per confirmation: a repeated or doubled submit of it is done once. */
export function runAction(apiBase: string, action: KeyAction): Promise<ApiResult> {
  return send(actionPath(apiBase, action), {
    method: 'POST',
    headers: { 'idempotency-key': crypto.randomUUID() },
  });
}
