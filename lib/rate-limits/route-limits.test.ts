import { describe, expect, it } from 'vitest';
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

  it('limits one address across many accounts', async () => {
    for (let i = 0; i < ROUTE_LIMITS.enrol.ip; i++) {
      await enforceRouteLimit('enrol', `auth0|user${i}`, '192.0.2.7');
    }
    await expect(enforceRouteLimit('enrol', 'auth0|fresh', '192.0.2.7')).rejects.toMatchObject({
      status: 429,
    });
  });
});
