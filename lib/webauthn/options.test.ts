import { describe, expect, it } from 'vitest';
import { deriveKey } from './keys';
import { buildSecurityKeyOptions, type ExistingMethod, excludeCredentialsFor } from './options';
import { deriveUserHandle } from './user-handle';

const userHandleKey = deriveKey('a-test-secret-that-is-at-least-32-characters-long', 'userHandle');
const user = { userId: 'auth0|alice', email: 'alice@example.com', name: 'Alice Example' };
const rp = { rpId: 'localhost', rpName: 'Keyward' };
const NOW = 1_800_000_000_000;

const methods: ExistingMethod[] = [
  { type: 'password' },
  { type: 'totp' },
  { type: 'passkey', key_id: 'CjCqNIMAgT1sp5LDjZ0GbGOL2gE', transports: ['internal', 'hybrid'] },
  {
    type: 'webauthn-roaming',
    key_id: '_npZdRbbXK6OQjAsAXHzmSowym3sXFnyPHAge4mzKLc',
    transports: ['usb'],
  },
  { type: 'webauthn-platform', key_id: 'cGxhdGZvcm0' },
];

const build = (overrides: Partial<Parameters<typeof buildSecurityKeyOptions>[0]> = {}) =>
  buildSecurityKeyOptions({ user, methods, rp, userHandleKey, nowMs: NOW, ...overrides });

describe('security key options', () => {
  it('asks for a cross-platform key, UV preferred, no resident credential', async () => {
    const { options } = await build();
    expect(options.rp).toEqual({ id: 'localhost', name: 'Keyward' });
    expect(options.authenticatorSelection).toEqual({
      authenticatorAttachment: 'cross-platform',
      residentKey: 'discouraged',
      requireResidentKey: false,
      userVerification: 'preferred',
    });
    expect(options.hints).toEqual(['security-key']);
    expect(options.attestation).toBe('none');
    expect(options.timeout).toBeGreaterThanOrEqual(60_000);
    expect(options.timeout).toBeLessThanOrEqual(120_000);
  });

  it('offers ES256 and RS256 only, the algorithms Auth0 verifies', async () => {
    const { options } = await build();
    expect(options.pubKeyCredParams).toEqual([
      { alg: -7, type: 'public-key' },
      { alg: -257, type: 'public-key' },
    ]);
  });

  it('issues a fresh challenge of at least 16 random bytes each time', async () => {
    const a = await build();
    const b = await build();
    expect(Buffer.from(a.options.challenge, 'base64url').byteLength).toBeGreaterThanOrEqual(16);
    expect(a.options.challenge).not.toBe(b.options.challenge);
  });

  it('uses the derived user handle and the email as name', async () => {
    const { options } = await build();
    expect(options.user).toEqual({
      id: deriveUserHandle('auth0|alice', userHandleKey),
      name: 'alice@example.com',
      displayName: 'Alice Example',
    });
  });

  it('falls back to the user id as name for a user without email or name', async () => {
    const { options } = await build({
      user: { userId: 'google-oauth2|carol', email: null, name: null },
      methods: [],
    });
    expect(options.user).toEqual({
      id: deriveUserHandle('google-oauth2|carol', userHandleKey),
      name: 'google-oauth2|carol',
      displayName: 'google-oauth2|carol',
    });
    expect(options.excludeCredentials).toEqual([]);
  });

  it('falls back to the email as display name when there is no name', async () => {
    const { options } = await build({ user: { ...user, name: null } });
    expect(options.user.displayName).toBe('alice@example.com');
  });

  it('excludes every WebAuthn credential the user has, passkeys included, with transports', async () => {
    const { options } = await build();
    expect(options.excludeCredentials).toEqual([
      { id: 'CjCqNIMAgT1sp5LDjZ0GbGOL2gE', transports: ['internal', 'hybrid'], type: 'public-key' },
      {
        id: '_npZdRbbXK6OQjAsAXHzmSowym3sXFnyPHAge4mzKLc',
        transports: ['usb'],
        type: 'public-key',
      },
      { id: 'cGxhdGZvcm0', type: 'public-key' },
    ]);
  });

  it('returns the security-key ceremony state to seal', async () => {
    const { options, state } = await build();
    expect(state).toEqual({
      kind: 'security-key',
      challenge: options.challenge,
      userId: 'auth0|alice',
      userHandle: deriveUserHandle('auth0|alice', userHandleKey),
      exp: NOW + 300_000,
      taken: expect.any(Array),
    });
  });
});

describe('excludeCredentialsFor', () => {
  it('skips methods that are not WebAuthn, lack a key id, or have one that is not base64url', () => {
    expect(
      excludeCredentialsFor([
        { type: 'password' },
        { type: 'email', key_id: 'ZW1haWw' },
        { type: 'passkey' },
        { type: 'passkey', key_id: '' },
        { type: 'webauthn-roaming', key_id: 'not base64url!' },
        { type: 'webauthn-roaming', key_id: 'a2V5', transports: [] },
      ]),
    ).toEqual([{ id: 'a2V5' }]);
  });
});
