import { describe, expect, it, vi } from 'vitest';

// The budget is read from the environment once per process: this file runs with Auth0's Free
// plan figure of 2 requests a second.
vi.stubEnv('AUTH0_MGMT_RPS', '2');
const { runWithContext } = await import('@/lib/core/request-context');
const { takeManagementBudget, userShare } = await import('./management-budget');

const asUser = (userId: string, maxWaitMs?: number) =>
  runWithContext({ userId }, () => takeManagementBudget(maxWaitMs));

describe('the shared Management API budget', () => {
  it('gives one user at most half of it, and answers 503 rather than wait past the limit', async () => {
    // The flooder spends their share (1 a second) until a call that may not wait is refused.
    let refusal: unknown = null;
    for (let i = 0; i < 5 && !refusal; i++) {
      refusal = await asUser('auth0|flooder', 0).then(
        () => null,
        (error: unknown) => error,
      );
    }
    expect(refusal).toMatchObject({
      status: 503,
      code: 'rate_limited',
      headers: { 'retry-after': '2' },
    });
    // Someone else still gets the other half (after the even pace of 500 ms between calls).
    await expect(asUser('auth0|someone-else', 1000)).resolves.toBeUndefined();
  });

  it('waits briefly for the next second instead of failing at once', async () => {
    // Spend this user's share until a call without waiting is refused (the budget counts per
    // second, so the first try may fall just after a second turned over).
    let refused = false;
    for (let i = 0; i < 5 && !refused; i++) {
      refused = await asUser('auth0|patient', 0).then(
        () => false,
        () => true,
      );
    }
    expect(refused).toBe(true);
    // Over the share now: with a brief wait the call goes through.
    await expect(asUser('auth0|patient', 2000)).resolves.toBeUndefined();
  });

  it('is half the budget, and at least one call a second', () => {
    expect(userShare(2)).toBe(1);
    expect(userShare(1)).toBe(1);
    expect(userShare(10)).toBe(5);
  });
});
