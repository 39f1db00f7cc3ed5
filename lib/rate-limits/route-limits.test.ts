import { describe, expect, it, vi } from 'vitest';
import { enforceRouteLimit, ROUTE_LIMITS } from './route-limits';

describe('route limits', () => {
  it('lets a user make the allowed number of changes a minute, then answers 429 with Retry-After', async () => {
    for (let i = 0; i < ROUTE_LIMITS.change.user; i++) {
      await enforceRouteLimit('change', 'auth0|busy', `10.0.0.${i}`);
    }
    await expect(enforceRouteLimit('change', 'auth0|busy', '10.0.1.1')).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
    });
    // Other users and other kinds of request are counted apart.
    await expect(enforceRouteLimit('change', 'auth0|calm', '10.0.1.1')).resolves.toBeUndefined();
    await expect(enforceRouteLimit('read', 'auth0|busy', '10.0.1.1')).resolves.toBeUndefined();
  });

  it('says how long to wait, in the header and in words, the same number of seconds', async () => {
    for (let i = 0; i < ROUTE_LIMITS.admin.user; i++) {
      await enforceRouteLimit('admin', 'auth0|admin-busy', `10.0.2.${i}`);
    }
    const refused = await enforceRouteLimit('admin', 'auth0|admin-busy', '10.0.3.1').then(
      () => null,
      (error: unknown) => error as { headers: Record<string, string>; message: string },
    );
    const seconds = Number(refused?.headers['retry-after']);
    // The minute has only just begun: most of it is left.
    expect(seconds).toBeGreaterThan(30);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refused?.message).toBe(
      `You’re doing that too often. Please wait ${seconds} seconds and try again.`,
    );
  });

  it('says "1 second", not "1 seconds", when the wait is that short', async () => {
    // Only the clock moves: the count lives on, and the minute is all but over.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (let i = 0; i < ROUTE_LIMITS.admin.user; i++) {
        await enforceRouteLimit('admin', 'auth0|nearly-done', `10.0.4.${i}`);
      }
      vi.setSystemTime(Date.now() + 59_500);
      await expect(
        enforceRouteLimit('admin', 'auth0|nearly-done', '10.0.5.1'),
      ).rejects.toMatchObject({
        headers: { 'retry-after': '1' },
        message: 'You’re doing that too often. Please wait 1 second and try again.',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('limits one address across many accounts', async () => {
    for (let i = 0; i < ROUTE_LIMITS.enrol.ip; i++) {
      await enforceRouteLimit('enrol', `auth0|user${i}`, '192.0.2.7');
    }
    await expect(enforceRouteLimit('enrol', 'auth0|fresh', '192.0.2.7')).rejects.toMatchObject({
      status: 429,
    });
  });
});
