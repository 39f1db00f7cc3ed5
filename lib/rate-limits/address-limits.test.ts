import { describe, expect, it } from 'vitest';
import { ADDRESS_LIMITS, takeAddressLimit } from './address-limits';

describe('per-address limits', () => {
  it('lets an address make the allowed number of requests a minute, then says how long to wait', async () => {
    for (let i = 0; i < ADDRESS_LIMITS.embedSession; i++) {
      expect(await takeAddressLimit('embedSession', '198.51.100.7')).toBeNull();
    }
    const wait = await takeAddressLimit('embedSession', '198.51.100.7');
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    // Another address, and another route from the same address, are counted apart.
    expect(await takeAddressLimit('embedSession', '198.51.100.8')).toBeNull();
    expect(await takeAddressLimit('login', '198.51.100.7')).toBeNull();
  });
});
