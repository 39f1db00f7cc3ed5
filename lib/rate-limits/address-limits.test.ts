import { describe, expect, it } from 'vitest';
import { ADDRESS_LIMITS, takeAddressLimit } from './address-limits';

describe('per-address limits', () => {
  it('lets an address make the allowed number of requests a minute, then says how long to wait', async () => {
    for (let i = 0; i < ADDRESS_LIMITS.embedSession; i++) {
      expect(await takeAddressLimit('embedSession', '198.51.100.7')).toBeNull();
    }
    const wait = await takeAddressLimit('embedSession', '198.51.100.7');
    // The minute has only just begun: the wait is most of it, in whole seconds.
    expect(wait).toBeGreaterThan(30);
    expect(wait).toBeLessThanOrEqual(60);
    expect(Number.isInteger(wait)).toBe(true);
    // Another address, and another route from the same address, are counted apart.
    expect(await takeAddressLimit('embedSession', '198.51.100.8')).toBeNull();
    expect(await takeAddressLimit('login', '198.51.100.7')).toBeNull();
  });

  it('counts sign-ins and callbacks apart, though their limits are the same size', async () => {
    expect(ADDRESS_LIMITS.login).toBe(ADDRESS_LIMITS.callback);
    for (let i = 0; i < ADDRESS_LIMITS.login; i++) {
      expect(await takeAddressLimit('login', '198.51.100.9')).toBeNull();
    }
    expect(await takeAddressLimit('login', '198.51.100.9')).not.toBeNull();
    expect(await takeAddressLimit('callback', '198.51.100.9')).toBeNull();
  });
});
