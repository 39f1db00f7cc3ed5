import 'server-only';
import { ApiError } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { IDEMPOTENCY_IN_PROGRESS_MS, LANDING_HORIZON_MS, WORK_BUDGET_MS } from '@/lib/locks/timing';
import { ttlStore } from '@/lib/state/ttl-store';

// An optional `Idempotency-Key` header on the mutating admin routes (the IETF httpapi draft's
// header): a repeat of a request answered before gets the same answer, and nothing is done twice.
// The record is written ahead: claimed before anything is sent, so when it cannot be written the
// request is refused (503 store_unavailable) and Auth0 is never asked.

const REMEMBER_MS = 24 * 60 * 60 * 1000;
/** An answer that says the write may still land is repeated as long as that stays possible. */
const UNSETTLED_MS = WORK_BUDGET_MS + LANDING_HORIZON_MS;
const IN_PROGRESS = 'in-progress';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Errors that say nothing was done (refused before any write, or a write Auth0 clearly refused):
 * forgotten, so a retry really retries. Every other error answer may stand for a write that
 * landed or may still land, and is repeated instead of run again.
 */
const NOTHING_DONE = new Set([
  'store_unavailable',
  'upstream_slow',
  'rate_limited',
  'busy',
  'upstream_unavailable',
]);
/** Answers whose write may still land: repeated only while it can. */
const UNSETTLED = new Set(['outcome_unknown', 'revoke_unconfirmed_after_rotate']);

type Remembered =
  | { status: number; body: unknown }
  | { error: { status: number; code: string; message: string; headers: Record<string, string> } };

function replay(raw: string): Response | null {
  try {
    const remembered = JSON.parse(raw) as Remembered;
    // A remembered error is thrown again, so the route answers it in the caller's language.
    if ('error' in remembered) {
      const { status, code, message, headers } = remembered.error;
      throw new ApiError(status, code, message, { ...headers, 'idempotent-replayed': 'true' });
    }
    const { status, body } = remembered;
    return Response.json(body, { status, headers: { 'idempotent-replayed': 'true' } });
  } catch (error) {
    if (error instanceof ApiError) throw error;
    return null;
  }
}

/** Whether a thrown error lets a retry run the request again (nothing was done). */
function nothingDone(error: unknown): boolean {
  // Raw errors escaping lib/ are refusals or failed reads: writes whose answer is lost become
  // `outcome_unknown` there (lib/management/errors.ts classifyWriteFailure).
  if (!(error instanceof ApiError)) return true;
  return error.status < 500 || NOTHING_DONE.has(error.code);
}

/** Never replaces the request's own answer: a record left behind expires on its own. */
async function bestEffort(what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch {
    log('warn', 'idempotency_record_not_written', { what });
  }
}

/**
 * Runs `run` once per (scope, Idempotency-Key) and remembers its 2xx or 4xx answer for a day, and
 * an error answer that may stand for a write that landed as long as it may (see NOTHING_DONE).
 * Failures where nothing was done are forgotten, so a retry really retries.
 */
export async function withIdempotency(
  req: Request,
  scope: string,
  run: () => Promise<Response>,
): Promise<Response> {
  const key = req.headers.get('idempotency-key');
  if (key === null) return run();
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(400, 'invalid_idempotency_key', 'The Idempotency-Key header is not valid.');
  }
  const store = ttlStore();
  const slot = `idempotency:${scope}:${key}`;
  // Written ahead: a store that cannot take it throws 503 store_unavailable before `run`.
  if (!(await store.claim(slot, IN_PROGRESS, IDEMPOTENCY_IN_PROGRESS_MS))) {
    const earlier = await store.get(slot);
    const answer = earlier && earlier !== IN_PROGRESS ? replay(earlier) : null;
    if (answer) return answer;
    throw new ApiError(
      409,
      'idempotency_in_progress',
      'The same request is still being handled. Wait a moment, then reload.',
      { 'retry-after': '2' },
    );
  }
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    if (nothingDone(error)) {
      await bestEffort('forget', () => store.delete(slot));
    } else if (error instanceof ApiError) {
      const { status, code, message, headers } = error;
      const remembered: Remembered = { error: { status, code, message, headers } };
      const ttl = UNSETTLED.has(code) ? UNSETTLED_MS : REMEMBER_MS;
      await bestEffort('error', () => store.set(slot, JSON.stringify(remembered), ttl));
    }
    throw error;
  }
  if (response.status >= 500) {
    await bestEffort('forget', () => store.delete(slot));
    return response;
  }
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  // The change is done: a store that fails now must not turn the answer into "not done". The
  // in-progress claim stays until it expires, and holds repeats off meanwhile.
  await bestEffort('answer', () =>
    store.set(slot, JSON.stringify({ status: response.status, body }), REMEMBER_MS),
  );
  return response;
}
