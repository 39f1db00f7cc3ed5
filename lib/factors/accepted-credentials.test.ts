import { describe, expect, it } from 'vitest';
import { groupPasskeys, isCanonicalBase64Url } from './accepted-credentials';

const HANDLE = 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY';
const passkey = (id: string, keyId: string, extra: Record<string, string> = {}) => ({
  id,
  type: 'passkey',
  key_id: keyId,
  user_handle: HANDLE,
  relying_party_identifier: 'localhost',
  ...extra,
});

describe('groupPasskeys (the Signal API list)', () => {
  it('groups passkeys by RP ID and user handle, leaving security keys and other methods out', () => {
    const result = groupPasskeys([
      { id: 'password|1', type: 'password' },
      passkey('passkey|a', 'CjCqNIMAgT1sp5LDjZ0GbGOL2gE'),
      passkey('passkey|b', '_npZdRbbXK6OQjAsAXHzmSowym3sXFnyPHAge4mzKLc'),
      passkey('passkey|c', 'cGxhdGZvcm0', { relying_party_identifier: 'example.com' }),
      { id: 'webauthn-roaming|1', type: 'webauthn-roaming', key_id: 'cm9hbWluZw' },
    ]);
    expect(result.groups).toEqual([
      {
        rpId: 'localhost',
        userHandle: HANDLE,
        credentials: [
          { factorId: 'passkey|a', credentialId: 'CjCqNIMAgT1sp5LDjZ0GbGOL2gE' },
          { factorId: 'passkey|b', credentialId: '_npZdRbbXK6OQjAsAXHzmSowym3sXFnyPHAge4mzKLc' },
        ],
      },
      {
        rpId: 'example.com',
        userHandle: HANDLE,
        credentials: [{ factorId: 'passkey|c', credentialId: 'cGxhdGZvcm0' }],
      },
    ]);
  });

  // Each of these would make the browser hide a passkey that still works.
  it.each([
    ['a key id in standard base64', { key_id: 'CjCq+NIMAgT1sp5L/DjZ0GbGOL2gE=' }],
    ['a padded key id', { key_id: 'cGxhdGZvcm0=' }],
    ['a missing key id', { key_id: '' }],
    ['an unknown RP ID', { relying_party_identifier: '' }],
    ['a user handle in standard base64', { user_handle: 'P5Muz+C2/SPyV2Zm==' }],
  ])('signals nothing when one passkey has %s', (_label, broken) => {
    const result = groupPasskeys([
      passkey('passkey|a', 'CjCqNIMAgT1sp5LDjZ0GbGOL2gE'),
      passkey('passkey|b', 'cGxhdGZvcm0', broken),
    ]);
    expect(result.groups).toEqual([]);
  });

  it('knows canonical base64url from its look-alikes', () => {
    expect(isCanonicalBase64Url('cGxhdGZvcm0')).toBe(true);
    expect(isCanonicalBase64Url('cGxhdGZvcm0=')).toBe(false);
    expect(isCanonicalBase64Url('a+b/')).toBe(false);
    // A trailing character whose unused bits are set does not round-trip.
    expect(isCanonicalBase64Url('cGxhdGZvcm1')).toBe(false);
    expect(isCanonicalBase64Url(undefined)).toBe(false);
  });
});
