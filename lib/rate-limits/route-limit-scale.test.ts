import { describe, expect, it, vi } from 'vitest';

// The environment is read once per process, so this file sets it before anything reads it.
vi.stubEnv('ROUTE_LIMIT_SCALE', '2');
const { enforceRouteLimit, ROUTE_LIMITS } = await import('./route-limits');
const { ADDRESS_LIMITS, takeAddressLimit } = await import('./address-limits');

describe('ROUTE_LIMIT_SCALE', () => {
  it('multiplies a user’s allowance', async () => {
    for (let i = 0; i < ROUTE_LIMITS.admin.user * 2; i++) {
      await enforceRouteLimit('admin', 'auth0|scaled', `10.0.2.${i}`);
    }
    await expect(enforceRouteLimit('admin', 'auth0|scaled', '10.0.3.1')).rejects.toMatchObject({
      status: 429,
    });
  });

  it('multiplies an address’s allowance too', async () => {
    for (let i = 0; i < ADDRESS_LIMITS.embedSession * 2; i++) {
      expect(await takeAddressLimit('embedSession', '203.0.113.50')).toBeNull();
    }
    expect(await takeAddressLimit('embedSession', '203.0.113.50')).not.toBeNull();
  });
});
