import 'server-only';
import { ApiError } from '@/lib/core/errors';
import { currentContext } from '@/lib/core/request-context';
import { getEnv } from '@/lib/env';
import { limiter, take } from './limiter';

// Auth0 rate-limits the Management API per tenant (Free plan: 2 requests/s, burst 2). Keyward
// spends from a budget of AUTH0_MGMT_RPS shared by every instance, so it waits briefly instead
// of pushing the tenant into 429s, and each user may spend at most half of it, so one person (or
// script) cannot starve everyone else's pages.

/** The longest a call waits for the budget before the request is answered 503. */
export const MAX_WAIT_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const busy = () =>
  new ApiError(503, 'rate_limited', 'Auth0 is busy right now. Please try again in a few seconds.', {
    'retry-after': '2',
  });

/**
 * Waits for one Management API call's share of the budget, at most `maxWaitMs`; 503 after that.
 * The user's share is taken first, so a user over theirs never holds the tenant's.
 */
export async function takeManagementBudget(maxWaitMs = MAX_WAIT_MS): Promise<void> {
  const { mgmtRps } = getEnv();
  const userId = currentContext()?.userId ?? null;
  const tenant = limiter('mgmt:tenant', { points: mgmtRps, durationSeconds: 1 });
  const perUser = limiter('mgmt:user', {
    points: Math.max(1, Math.floor(mgmtRps / 2)),
    durationSeconds: 1,
  });
  const giveUpAt = Date.now() + maxWaitMs;
  for (const [limit, key] of [
    ...(userId ? ([[perUser, userId]] as const) : []),
    [tenant, 'all'] as const,
  ]) {
    for (;;) {
      const wait = await take(limit, key);
      if (wait === null) break;
      if (Date.now() + wait > giveUpAt) throw busy();
      await sleep(wait);
    }
  }
}
