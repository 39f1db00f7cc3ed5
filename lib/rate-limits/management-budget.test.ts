import { describe, expect, it, vi } from 'vitest';

// The budget is read from the environment once per process: this file runs with Auth0's Free
// plan figure of 2 requests a second.
vi.stubEnv('AUTH0_MGMT_RPS', '2');
const { takeManagementBudget } = await import('./management-budget');
const { runWithContext } = await import('@/lib/http/request-context');

const asUser = (userId: string, maxWaitMs?: number) =>
  runWithContext({ userId }, () => takeManagementBudget(maxWaitMs));

describe('the shared Management API budget', () => {
  it('gives one user at most half of it, and answers 503 rather than wait past the limit', async () => {
    await asUser('auth0|flooder', 0);
    // The flooder's share (1 a second) is spent; another call would have to wait.
    await expect(asUser('auth0|flooder', 0)).rejects.toMatchObject({
      status: 503,
      code: 'rate_limited',
      headers: { 'retry-after': '2' },
    });
    // Someone else still gets the other half at once.
    await expect(asUser('auth0|someone-else', 0)).resolves.toBeUndefined();
  });

  it('waits briefly for the next second instead of failing at once', async () => {
    await asUser('auth0|patient', 2000);
    // Over this user's share now: without a wait it would be refused, with one it goes through.
    await expect(asUser('auth0|patient', 0)).rejects.toMatchObject({ status: 503 });
    await expect(asUser('auth0|patient', 2000)).resolves.toBeUndefined();
  });
});
