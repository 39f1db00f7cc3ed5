import { z } from 'zod';

const keySchema = z.object({
  kid: z.string(),
  state: z.enum(['current', 'next', 'previous', 'revoked']),
  currentSince: z.string().nullable(),
  currentUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  fingerprint: z.string(),
  thumbprint: z.string(),
  cert: z.string(),
});

const keysBody = z.object({ keys: z.array(keySchema).nullable() });
const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type ClientSigningKey = z.infer<typeof keySchema>;

export type ApiResult =
  | { ok: true; keys: ClientSigningKey[] | null }
  | { ok: false; status: number; code: string; message: string };

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

async function toResult(response: Response): Promise<ApiResult> {
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = keysBody.safeParse(json);
    return { ok: true, keys: parsed.success ? parsed.data.keys : null };
  }
  const parsed = errorBody.safeParse(json);
  if (response.status === 429 && !parsed.success) {
    return {
      ok: false,
      status: 429,
      code: 'rate_limited',
      message: 'Too many requests. Please wait a moment and try again.',
    };
  }
  return {
    ok: false,
    status: response.status,
    code: parsed.success ? parsed.data.error.code : 'unknown',
    message: parsed.success ? parsed.data.error.message : 'Something went wrong. Please try again.',
  };
}

async function send(url: string, init: RequestInit): Promise<ApiResult> {
  try {
    return await toResult(
      await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' }),
    );
  } catch {
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: 'Could not reach Keyward. Check your connection and try again.',
    };
  }
}

export function fetchKeys(apiBase: string): Promise<ApiResult> {
  return send(apiBase, { method: 'GET' });
}

export function runAction(apiBase: string, action: KeyAction): Promise<ApiResult> {
  return send(actionPath(apiBase, action), { method: 'POST' });
}
