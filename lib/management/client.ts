import 'server-only';
import { ManagementClient, ManagementError } from 'auth0';
import { ApiError } from '@/lib/core/errors';
import { processShared, renewProcessShared } from '@/lib/core/registry';
import { currentWorkScope } from '@/lib/core/work-scope';
import { getEnv } from '@/lib/env';
import { managementConnection } from '@/lib/management/connection';
import { MAX_WAIT_MS, takeManagementBudget } from '@/lib/rate-limits/management-budget';

/** The per-call options every SDK method takes as its last argument. */
export type CallOptions = {
  timeoutInSeconds: number;
  maxRetries: number;
  abortSignal?: AbortSignal;
};

/** The moment by which a piece of work, every attempt included, must have finished. */
export type Deadline = { at: number };

export const deadlineIn = (ms: number): Deadline => ({ at: Date.now() + ms });

/** Less time than this left: don't start a call that could not finish. */
const MIN_CALL_MS = 500;

const outOfTime = () =>
  new ApiError(
    503,
    'upstream_slow',
    'Auth0 is answering slowly right now, so nothing was changed. Please try again in a moment.',
    { 'retry-after': '5' },
  );

/**
 * Reads outside a lock may be retried once by the SDK (on 429 and 5xx). Writes never are: the
 * SDK would retry a POST or DELETE too, and a retried write can land twice, or land after
 * Keyward gave up on it. Under a deadline (a lock's), nothing is retried, every call gets at most
 * what is left, and an abort signal makes sure no request is even sent once it has passed.
 */
export function callOptions(kind: 'read' | 'write', deadline?: Deadline): CallOptions {
  // A read, a write and the re-read reserve fit one lock's budget (lib/env.ts checks it).
  const { readMs, writeMs } = getEnv().mgmtTimeouts;
  const budget = kind === 'read' ? readMs : writeMs;
  // Under a lock the work's own deadline applies too, whichever is sooner.
  const scopeAt = currentWorkScope()?.deadlineAt;
  const at = Math.min(
    deadline?.at ?? Number.POSITIVE_INFINITY,
    scopeAt ?? Number.POSITIVE_INFINITY,
  );
  if (at === Number.POSITIVE_INFINITY) {
    return { timeoutInSeconds: budget / 1000, maxRetries: kind === 'read' ? 1 : 0 };
  }
  const left = at - Date.now();
  if (left < MIN_CALL_MS) throw outOfTime();
  return {
    timeoutInSeconds: Math.min(budget, left) / 1000,
    maxRetries: 0,
    abortSignal: AbortSignal.timeout(left),
  };
}

function createClient(): ManagementClient {
  return new ManagementClient({
    ...managementConnection(getEnv().management),
    // Defaults for any call that does not pass its own options; every Keyward call does.
    timeoutInSeconds: getEnv().mgmtTimeouts.readMs / 1000,
    maxRetries: 0,
  });
}

// One client per process (lib/core/registry.ts), so its cached machine-to-machine token is shared
// by every request: the free plan allows 2 Management API requests per second for the whole tenant.
const CLIENT = 'management-client';

const client = (): ManagementClient => processShared(CLIENT, createClient);

type Call<T> = (mgmt: ManagementClient, options: CallOptions) => Promise<T>;

/**
 * Runs `call` with the shared client and the options for its kind. If Auth0 rejects the cached
 * token (401) — as it does once the signing key that signed it is revoked — nothing was done, so
 * the client is rebuilt with a fresh token and the call is tried once more.
 */
export async function managementCall<T>(
  call: Call<T>,
  { write = false, deadline }: { write?: boolean; deadline?: Deadline } = {},
): Promise<T> {
  const kind = write ? 'write' : 'read';
  // Waiting for the shared budget counts against the deadline like the call itself.
  const waitBudget = () =>
    takeManagementBudget(
      deadline ? Math.min(MAX_WAIT_MS, deadline.at - Date.now() - MIN_CALL_MS) : MAX_WAIT_MS,
    );
  await waitBudget();
  try {
    return await call(client(), callOptions(kind, deadline));
  } catch (error) {
    if (!(error instanceof ManagementError) || error.statusCode !== 401) throw error;
    await waitBudget();
    return call(renewProcessShared(CLIENT, createClient), callOptions(kind, deadline));
  }
}
