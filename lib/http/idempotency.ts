import 'server-only';
import { ApiError } from '@/lib/core/errors';
import { ttlStore } from '@/lib/state/ttl-store';

// An optional `Idempotency-Key` header on the mutating admin routes (the IETF httpapi draft's
// header): a repeat of a request answered before gets the same answer, and nothing is done twice.

const REMEMBER_MS = 24 * 60 * 60 * 1000;
/** How long a first request may run before a repeat stops waiting on it. */
const IN_PROGRESS_MS = 60_000;
const IN_PROGRESS = 'in-progress';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

type Remembered = { status: number; body: unknown };

function replay(raw: string): Response | null {
  try {
    const { status, body } = JSON.parse(raw) as Remembered;
    return Response.json(body, { status, headers: { 'idempotent-replayed': 'true' } });
  } catch {
    return null;
  }
}

/**
 * Runs `run` once per (scope, Idempotency-Key) and remembers its 2xx or 4xx answer for a day.
 * Failures that may be retried (5xx, thrown errors) are forgotten, so a retry really retries.
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
  if (!(await store.claim(slot, IN_PROGRESS, IN_PROGRESS_MS))) {
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
    await store.delete(slot);
    throw error;
  }
  if (response.status >= 500) {
    await store.delete(slot);
    return response;
  }
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  await store.set(slot, JSON.stringify({ status: response.status, body }), REMEMBER_MS);
  return response;
}
