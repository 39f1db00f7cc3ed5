import { randomBytes } from 'node:crypto';
import {
  decodeAttestationObject,
  isoBase64URL,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { openStateDb } from '@/lib/state/db';
import { createSqliteTtlStore } from '@/lib/state/ttl-store';
import { type ChallengeState, sealChallenge } from './challenge-cookie';
import { deriveKey } from './keys';
import { createRegistration } from './test-authenticator';
import { createUsedChallenges } from './used-challenges';
import { MAX_CREDENTIAL_ID_BYTES, type VerifyInput, verifySecurityKey } from './verify';

/** A fresh record of spent challenges, in an in-memory SQLite TTL store as the app keeps them. */
const spentChallenges = () => createUsedChallenges(createSqliteTtlStore(openStateDb(':memory:')));

const cookieKey = deriveKey('a-test-secret-that-is-at-least-32-characters-long', 'challengeCookie');
const expected = { origin: 'http://localhost:3000', rpId: 'localhost' };
const HANDLE = 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY';
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36';
const YUBIKEY_5 = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';

type SecurityKeyState = Extract<ChallengeState, { kind: 'security-key' }>;

/** A security-key ceremony as POST /api/security-keys/options would have sealed it. */
function issue(overrides: Partial<SecurityKeyState> = {}) {
  const state: SecurityKeyState = {
    kind: 'security-key',
    challenge: randomBytes(32).toString('base64url'),
    userId: 'auth0|alice',
    userHandle: HANDLE,
    exp: Date.now() + 300_000,
    ...overrides,
  };
  return { state, cookie: sealChallenge(state, cookieKey) };
}

function input(
  overrides: Partial<VerifyInput> & Pick<VerifyInput, 'response' | 'cookie'>,
): VerifyInput {
  return {
    cookieKey,
    sessionUserId: 'auth0|alice',
    expected,
    usedChallenges: spentChallenges(),
    userAgent: CHROME_LINUX,
    ...overrides,
  };
}

const refusedWith = (code: string, message?: RegExp) =>
  expect.objectContaining({
    name: 'ApiError',
    status: 400,
    code,
    ...(message ? { message: expect.stringMatching(message) } : {}),
  });

/** The COSE public key inside the response's attestation, as raw bytes. */
function coseKeyOf(attestationObject: string): Buffer {
  const decoded = decodeAttestationObject(isoBase64URL.toBuffer(attestationObject));
  const { credentialPublicKey } = parseAuthenticatorData(decoded.get('authData'));
  return Buffer.from(credentialPublicKey ?? []);
}

describe('verifySecurityKey', () => {
  it('turns a real security key registration into exactly the body Auth0 documents', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({ challenge: state.challenge, ...expected });
    const result = await verifySecurityKey(input({ response, cookie }));

    expect(result.keyId).toBe(response.id);
    expect(Object.keys(result.body).sort()).toEqual(
      ['key_id', 'name', 'public_key', 'relying_party_identifier', 'type'].sort(),
    );
    expect(result.body).toEqual({
      type: 'webauthn-roaming',
      // Not the browser's name: a security key works in any browser.
      name: 'Security key',
      key_id: response.id,
      public_key: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      relying_party_identifier: 'localhost',
    });
    // The COSE key is sent as-is, in standard base64: an EC2 map starting 0xa5 0x01 0x02.
    const publicKey = Buffer.from(result.body.public_key, 'base64');
    expect(publicKey.equals(coseKeyOf(response.response.attestationObject))).toBe(true);
    expect(publicKey.subarray(0, 3)).toEqual(Buffer.from([0xa5, 0x01, 0x02]));
  });

  it('sends neither the AAGUID, the user handle, transports nor the user agent', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      ...expected,
      aaguid: YUBIKEY_5,
    });
    const { body } = await verifySecurityKey(input({ response, cookie }));
    const json = JSON.stringify(body);
    for (const absent of ['aaguid', 'user_handle', 'transports', 'user_agent', YUBIKEY_5, HANDLE]) {
      expect(json).not.toContain(absent);
    }
  });

  it('names the key after its model when the AAGUID is known, and keeps a name the user chose', async () => {
    const yubi = issue();
    const named = await verifySecurityKey(
      input({
        response: createRegistration({
          challenge: yubi.state.challenge,
          ...expected,
          aaguid: YUBIKEY_5,
        }),
        cookie: yubi.cookie,
      }),
    );
    expect(named.body.name).toBe('YubiKey 5 Series');

    const own = issue();
    const mine = await verifySecurityKey(
      input({
        response: createRegistration({ challenge: own.state.challenge, ...expected }),
        cookie: own.cookie,
        name: 'Desk key',
      }),
    );
    expect(mine.body.name).toBe('Desk key');

    const unknown = issue();
    const plain = await verifySecurityKey(
      input({
        response: createRegistration({ challenge: unknown.state.challenge, ...expected }),
        cookie: unknown.cookie,
        userAgent: null,
      }),
    );
    expect(plain.body.name).toBe('Security key');
  });

  it('accepts a security key without user verification (a key with no PIN set)', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({ challenge: state.challenge, ...expected, uv: false });
    const result = await verifySecurityKey(input({ response, cookie }));
    expect(result.body.type).toBe('webauthn-roaming');
    expect(result.keyId).toBe(response.id);
  });

  it('refuses a response without user presence', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      ...expected,
      uv: false,
      up: false,
    });
    await expect(verifySecurityKey(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed', /present/),
    );
  });

  it('refuses a wrong origin', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      origin: 'https://evil.example',
      rpId: 'localhost',
    });
    await expect(verifySecurityKey(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed', /different website/),
    );
  });

  it('refuses a wrong RP ID (so expectedRPID is really passed)', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      origin: expected.origin,
      rpId: 'evil.example',
    });
    await expect(verifySecurityKey(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed', /different website/),
    );
  });

  it('refuses a response to another challenge', async () => {
    const { cookie } = issue();
    const response = createRegistration({
      challenge: randomBytes(32).toString('base64url'),
      ...expected,
    });
    await expect(verifySecurityKey(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed', /different request/),
    );
  });

  it('refuses a replayed response, even with its original cookie', async () => {
    const usedChallenges = spentChallenges();
    const { state, cookie } = issue();
    const response = createRegistration({ challenge: state.challenge, ...expected });
    await expect(
      verifySecurityKey(input({ response, cookie, usedChallenges })),
    ).resolves.toMatchObject({ keyId: response.id });
    await expect(verifySecurityKey(input({ response, cookie, usedChallenges }))).rejects.toEqual(
      refusedWith('challenge_used'),
    );
  });

  it('spends the challenge even when verification fails', async () => {
    const usedChallenges = spentChallenges();
    const { state, cookie } = issue();
    const bad = createRegistration({ challenge: state.challenge, ...expected, up: false });
    await expect(
      verifySecurityKey(input({ response: bad, cookie, usedChallenges })),
    ).rejects.toEqual(refusedWith('verification_failed'));
    const good = createRegistration({ challenge: state.challenge, ...expected });
    await expect(
      verifySecurityKey(input({ response: good, cookie, usedChallenges })),
    ).rejects.toEqual(refusedWith('challenge_used'));
  });

  it('refuses an expired challenge, whatever the browser kept', async () => {
    const { state, cookie } = issue({ exp: Date.now() - 1 });
    const response = createRegistration({ challenge: state.challenge, ...expected });
    await expect(verifySecurityKey(input({ response, cookie }))).rejects.toEqual(
      refusedWith('challenge_expired'),
    );
    // The same cookie just before its exp is fine: expiry is the server's clock against exp.
    const fresh = issue();
    const inTime = createRegistration({ challenge: fresh.state.challenge, ...expected });
    await expect(
      verifySecurityKey(
        input({ response: inTime, cookie: fresh.cookie, nowMs: fresh.state.exp - 1 }),
      ),
    ).resolves.toMatchObject({ keyId: inTime.id });
    const late = issue();
    await expect(
      verifySecurityKey(
        input({
          response: createRegistration({ challenge: late.state.challenge, ...expected }),
          cookie: late.cookie,
          nowMs: late.state.exp,
        }),
      ),
    ).rejects.toEqual(refusedWith('challenge_expired'));
  });

  it("refuses a challenge issued to another user, and that user can't use it afterwards", async () => {
    const usedChallenges = spentChallenges();
    const { state, cookie } = issue({ userId: 'auth0|bob' });
    const response = createRegistration({ challenge: state.challenge, ...expected });
    await expect(verifySecurityKey(input({ response, cookie, usedChallenges }))).rejects.toEqual(
      refusedWith('challenge_mismatch'),
    );
    await expect(
      verifySecurityKey(input({ response, cookie, usedChallenges, sessionUserId: 'auth0|bob' })),
    ).rejects.toEqual(refusedWith('challenge_used'));
  });

  it('refuses a missing or forged challenge cookie', async () => {
    const response = createRegistration({ challenge: 'abc', ...expected });
    const forged = [
      undefined,
      '',
      'v2.AAAA',
      `v2.${randomBytes(80).toString('base64url')}`,
      // Sealed with another secret's key.
      sealChallenge(
        issue().state,
        deriveKey('another-secret-that-is-at-least-32-characters', 'challengeCookie'),
      ),
    ];
    for (const cookie of forged) {
      await expect(verifySecurityKey(input({ response, cookie }))).rejects.toEqual(
        refusedWith('challenge_expired'),
      );
    }
  });

  it('refuses a passkey ceremony cookie presented for a security key', async () => {
    const usedChallenges = spentChallenges();
    const passkey: ChallengeState = {
      kind: 'passkey',
      challenge: randomBytes(32).toString('base64url'),
      userId: 'auth0|alice',
      authSession: 'auth-session',
      methodId: 'passkey|new',
      exp: Date.now() + 300_000,
    };
    const response = createRegistration({ challenge: passkey.challenge, ...expected });
    await expect(
      verifySecurityKey(
        input({ response, cookie: sealChallenge(passkey, cookieKey), usedChallenges }),
      ),
    ).rejects.toEqual(refusedWith('challenge_expired'));
    // Refused before it was opened, so the passkey ceremony itself is not spent by this.
    expect(await usedChallenges.consume(passkey.challenge, passkey.exp)).toBe(true);
  });

  it('refuses an assertion passed off as a registration', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      ...expected,
      type: 'webauthn.get',
    });
    await expect(verifySecurityKey(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed'),
    );
  });

  it(`refuses a credential id longer than ${MAX_CREDENTIAL_ID_BYTES} bytes`, async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      ...expected,
      credentialId: randomBytes(MAX_CREDENTIAL_ID_BYTES + 1),
    });
    await expect(verifySecurityKey(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed', /too long/),
    );

    const longest = issue();
    const fits = createRegistration({
      challenge: longest.state.challenge,
      ...expected,
      credentialId: randomBytes(MAX_CREDENTIAL_ID_BYTES),
    });
    await expect(
      verifySecurityKey(input({ response: fits, cookie: longest.cookie })),
    ).resolves.toMatchObject({ keyId: fits.id });
  });
});
