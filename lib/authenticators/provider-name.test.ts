import { describe, expect, it } from 'vitest';
import { providerName } from './provider-name';

describe('providerName', () => {
  it('names a known passkey provider', () => {
    expect(providerName('ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4')).toBe('Google Password Manager');
  });

  it('names a known security key', () => {
    expect(providerName('ee882879-721c-4913-9775-3dfcce97072a')).toBe('YubiKey 5 Series');
  });

  it('accepts an uppercase AAGUID', () => {
    expect(providerName('EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4')).toBe('Google Password Manager');
  });

  it('treats the all-zero AAGUID as unknown', () => {
    expect(providerName('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('returns null for an unknown AAGUID', () => {
    expect(providerName('12345678-1234-1234-1234-123456789abc')).toBeNull();
  });

  it.each([undefined, null, '', '   ', 'not-an-aaguid', 'constructor', '__proto__'])(
    'returns null for %j',
    (value) => {
      expect(providerName(value)).toBeNull();
    },
  );
});
