import { describe, expect, it, vi } from 'vitest';

// The environment is read once per process, so this file sets it before anything reads it.
vi.stubEnv('ROUTE_LIMIT_SCALE', '2');
const { enforceRouteLimit, ROUTE_LIMITS } = await import('./route-limits');

describe('ROUTE_LIMIT_SCALE', () => {
  it('multiplies a user’s allowance', async () => {
    for (let i = 0; i < ROUTE_LIMITS.admin.user * 2; i++) {
      await enforceRouteLimit('admin', 'auth0|scaled', `10.0.2.${i}`);
    }
    await expect(enforceRouteLimit('admin', 'auth0|scaled', '10.0.3.1')).rejects.toMatchObject({
      status: 429,
    });
  });
});
