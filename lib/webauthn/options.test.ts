import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/http/errors';
import { deriveKey } from './keys';
import { buildRegistrationOptions, type ExistingMethod, PASSKEY_LIMIT } from './options';
import { deriveUserHandle } from './user-handle';

const userHandleKey = deriveKey('a-test-secret-that-is-at-least-32-characters-long', 'userHandle');
const user = { userId: 'auth0|alice', email: 'alice@example.com', name: 'Alice Example' };
const rp = { rpId: 'localhost', rpName: 'Keyward' };
const NOW = 1_800_000_000_000;

const methods: ExistingMethod[] = [
  { type: 'password' },
  { type: 'totp' },
  {
    type: 'passkey',
    key_id: 'CjCqNIMAgT1sp5LDjZ0GbGOL2gE',
    transports: ['internal', 'hybrid'],
    user_handle: 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY',
  },
  {
    type: 'webauthn-roaming',
    key_id: '_npZdRbbXK6OQjAsAXHzmSowym3sXFnyPHAge4mzKLc',
    transports: ['usb'],
  },
  { type: 'webauthn-platform', key_id: 'cGxhdGZvcm0' },
];

describe('registration options', () => {
  it('asks for a discoverable, user-verifying passkey', async () => {
    const { options, state } = await buildRegistrationOptions({
      kind: 'passkey',
      user,
      methods,
      rp,
      userHandleKey,
      nowMs: NOW,
    });
    expect(options.rp).toEqual({ id: 'localhost', name: 'Keyward' });
    expect(options.user).toEqual({
      id: 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY',
      name: 'alice@example.com',
      displayName: 'Alice Example',
    });
    expect(options.authenticatorSelection).toEqual({
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    });
    expect(options.hints).toEqual(['client-device', 'hybrid']);
    expect(options.attestation).toBe('none');
    expect(options.timeout).toBeGreaterThanOrEqual(60_000);
    expect(options.timeout).toBeLessThanOrEqual(120_000);
    expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([-7, -257]);
    expect(Buffer.from(options.challenge, 'base64url').byteLength).toBeGreaterThanOrEqual(16);
    expect(state).toEqual({
      challenge: options.challenge,
      userId: 'auth0|alice',
      kind: 'passkey',
      userHandle: 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY',
      exp: NOW + 300_000,
    });
  });

  it('asks a security key to be cross-platform, UV preferred, not discoverable', async () => {
    const { options, state } = await buildRegistrationOptions({
      kind: 'security-key',
      user,
      methods,
      rp,
      userHandleKey,
    });
    expect(options.authenticatorSelection).toEqual({
      authenticatorAttachment: 'cross-platform',
      residentKey: 'discouraged',
      requireResidentKey: false,
      userVerification: 'preferred',
    });
    expect(options.hints).toEqual(['security-key']);
    expect(state.kind).toBe('security-key');
  });

  it('excludes every WebAuthn credential the user has, with transports', async () => {
    const { options } = await buildRegistrationOptions({
      kind: 'passkey',
      user,
      methods,
      rp,
      userHandleKey,
    });
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

  it('derives the handle for a user without passkeys and falls back to the user id as name', async () => {
    const { options } = await buildRegistrationOptions({
      kind: 'passkey',
      user: { userId: 'google-oauth2|carol', email: null, name: null },
      methods: [],
      rp,
      userHandleKey,
    });
    expect(options.user).toEqual({
      id: deriveUserHandle('google-oauth2|carol', userHandleKey),
      name: 'google-oauth2|carol',
      displayName: 'google-oauth2|carol',
    });
    expect(options.excludeCredentials).toEqual([]);
  });

  it('issues a fresh challenge each time', async () => {
    const a = await buildRegistrationOptions({ kind: 'passkey', user, methods, rp, userHandleKey });
    const b = await buildRegistrationOptions({ kind: 'passkey', user, methods, rp, userHandleKey });
    expect(a.options.challenge).not.toBe(b.options.challenge);
  });

  it(`refuses a passkey past Auth0's limit of ${PASSKEY_LIMIT} with 409 passkey_limit`, async () => {
    const full = Array.from({ length: PASSKEY_LIMIT }, (_, i) => ({
      type: 'passkey',
      key_id: `a${i}`,
    }));
    const error = await buildRegistrationOptions({
      kind: 'passkey',
      user,
      methods: full,
      rp,
      userHandleKey,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'passkey_limit' });
    expect(error).toMatchObject({ message: expect.stringMatching(/20 passkeys/) });
    // One below the limit is still fine.
    await expect(
      buildRegistrationOptions({
        kind: 'passkey',
        user,
        methods: full.slice(1),
        rp,
        userHandleKey,
      }),
    ).resolves.toBeDefined();
  });
});
