import { z } from 'zod';
import { factorSchema, factorsViewSchema } from '@/lib/factors/types';

// The page's calls to its own API. Every failure becomes { status, code, message } so the UI
// can react to the code and show the server's words, which are written for the person.

export type ApiFailure = { ok: false; status: number; code: string; message: string };
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

const FALLBACK = 'Something went wrong. Please try again.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function failure(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => null);
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return {
    ok: false,
    status: res.status,
    code: typeof error.code === 'string' ? error.code : 'unknown',
    message: typeof error.message === 'string' ? error.message : FALLBACK,
  };
}

async function call<T>(
  url: string,
  init: RequestInit,
  read: (body: unknown) => T | null,
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: 'We couldn’t reach Keyward. Check your connection and try again.',
    };
  }
  if (!res.ok) return failure(res);
  if (res.status === 204) {
    const data = read(null);
    return data === null
      ? { ok: false, status: 204, code: 'bad_response', message: FALLBACK }
      : { ok: true, status: 204, data };
  }
  const data = read(await res.json().catch(() => null));
  return data === null
    ? { ok: false, status: res.status, code: 'bad_response', message: FALLBACK }
    : { ok: true, status: res.status, data };
}

const parseWith =
  <T>(schema: z.ZodType<T>) =>
  (body: unknown): T | null => {
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : null;
  };

const asView = parseWith(factorsViewSchema);
const asFactor = (body: unknown) =>
  parseWith(z.object({ factor: factorSchema }))(body)?.factor ?? null;
export const acceptedCredentialsSchema = z.object({
  signal: z.object({
    rpId: z.string(),
    userHandles: z.array(z.string()),
    credentials: z.array(z.object({ factorId: z.string(), credentialId: z.string() })),
  }),
});
export type AcceptedCredentials = z.infer<typeof acceptedCredentialsSchema>['signal'];
const asAccepted = (body: unknown) => parseWith(acceptedCredentialsSchema)(body)?.signal ?? null;

const factorUrl = (apiBase: string, id: string) => `${apiBase}/factors/${encodeURIComponent(id)}`;

export const fetchFactors = (apiBase: string) => call(`${apiBase}/factors`, {}, asView);

export const renameFactorRequest = (apiBase: string, id: string, name: string) =>
  call(
    factorUrl(apiBase, id),
    {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    },
    asFactor,
  );

export const removeFactorRequest = (apiBase: string, id: string) =>
  call(factorUrl(apiBase, id), { method: 'DELETE' }, () => true);

export const fetchAcceptedCredentials = (apiBase: string) =>
  call(`${apiBase}/factors/accepted-credentials`, {}, asAccepted);
