import 'server-only';
import { ApiError } from '@/lib/core/errors';
import { processShared } from '@/lib/core/registry';
import { currentContext } from '@/lib/core/request-context';
import { getEnv } from '@/lib/env';
import { FairQueue } from './fair-queue';
import { type Limiter, limiter, take } from './limiter';

// Auth0 rate-limits the Management API per tenant (Free plan: 2 requests/s, burst 2). Keyward
// spends from a budget of AUTH0_MGMT_RPS shared by every instance, so it waits briefly instead
// of pushing the tenant into 429s. Every call is charged to a user: the request's (route
// handlers, pages), or the one signing in (the account read at sign-in, lib/factors/account.ts).
// Calls made for nobody in particular (background work) share one key of their own.
// Three guards, so one person (or script) cannot starve everyone else's pages:
// - each user may spend at most half of the budget, counted across instances (the limiter);
// - the tenant's budget is handed out round-robin between the users waiting in this process, so
//   a user with many calls queued takes one turn like everyone else (fair-queue.ts);
// - at an even pace, 1/rate apart, so a window's turnover never sends a burst Auth0 refuses.

/** The longest a call waits for the budget before the request is answered 503. */
export const MAX_WAIT_MS = 2000;

/** The key of calls that no user asked for. */
export const NO_USER = '(no user)';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const busy = () =>
  new ApiError(503, 'rate_limited', 'Auth0 is busy right now. Please try again in a few seconds.', {
    'retry-after': '2',
  });

/** A user's share: half the budget, at least one call a second. */
export const userShare = (rps: number) => Math.max(1, Math.floor(rps / 2));

// One queue per process and budget (lib/core/registry.ts): the proxy's sign-ins and the pages
// must queue in the same line, whichever bundle they run in.
function tenantQueue(rps: number): FairQueue {
  return processShared(`management-queue:${rps}`, () => {
    const tenant = limiter('mgmt:tenant', { points: rps, durationSeconds: 1 });
    return new FairQueue({ take: () => take(tenant, 'all'), intervalMs: 1000 / rps });
  });
}

/** Takes one point of `key`'s limit, waiting for it until `giveUpAt`; 503 if it would be later. */
async function takeWithin(limit: Limiter, key: string, giveUpAt: number): Promise<void> {
  for (;;) {
    const wait = await take(limit, key);
    if (wait === null) return;
    if (Date.now() + wait > giveUpAt) throw busy();
    await sleep(wait);
  }
}

/**
 * Waits for one Management API call's share of the budget, at most `maxWaitMs`; 503 after that.
 * The user's share is taken first, so a user over theirs never holds a place in the tenant's line.
 */
export async function takeManagementBudget(maxWaitMs = MAX_WAIT_MS): Promise<void> {
  const { mgmtRps } = getEnv();
  const userId = currentContext()?.userId ?? null;
  const giveUpAt = Date.now() + maxWaitMs;
  if (userId) {
    const perUser = limiter('mgmt:user', { points: userShare(mgmtRps), durationSeconds: 1 });
    await takeWithin(perUser, userId, giveUpAt);
  }
  if (!(await tenantQueue(mgmtRps).acquire(userId ?? NO_USER, giveUpAt))) throw busy();
}
