import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AddKind, type ChallengeState, sealChallenge } from './challenge-cookie';
import { deriveKey } from './keys';
import { createRegistration } from './test-authenticator';
import { createMemoryUsedChallenges } from './used-challenges';
import { type VerifyInput, verifyAndBuildMethod } from './verify';

const cookieKey = deriveKey('a-test-secret-that-is-at-least-32-characters-long', 'challengeCookie');
const expected = { origin: 'http://localhost:3000', rpId: 'localhost' };
const HANDLE = 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY';
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36';

function issue(kind: AddKind = 'passkey', overrides: Partial<ChallengeState> = {}) {
  const state: ChallengeState = {
    challenge: randomBytes(32).toString('base64url'),
    userId: 'auth0|alice',
    kind,
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
    usedChallenges: createMemoryUsedChallenges(),
    userAgent: CHROME_LINUX,
    ...overrides,
  };
}

const refusedWith = (code: string) => expect.objectContaining({ status: 400, code });

describe('verifyAndBuildMethod', () => {
  it('turns a real passkey registration into the Auth0 method body', async () => {
    const { state, cookie } = issue('passkey');
    const response = createRegistration({
      challenge: state.challenge,
      ...expected,
      be: true,
      bs: true,
    });
    const result = await verifyAndBuildMethod(input({ response, cookie }));
    expect(result.kind).toBe('passkey');
    expect(result.keyId).toBe(response.id);
    expect(result.body).toEqual({
      type: 'passkey',
      name: 'Chrome on Linux',
      key_id: response.id,
      public_key: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      aaguid: '00000000-0000-0000-0000-000000000000',
      credential_device_type: 'multi_device',
      credential_backed_up: true,
      transports: ['internal', 'hybrid'],
      user_agent: CHROME_LINUX,
      user_handle: HANDLE,
      relying_party_identifier: 'localhost',
    });
    // The COSE key is stored as-is: an EC2 map starting 0xa5 0x01 0x02.
    expect(Buffer.from(result.body.public_key ?? '', 'base64').subarray(0, 3)).toEqual(
      Buffer.from([0xa5, 0x01, 0x02]),
    );
  });

  it('names it after the provider when the AAGUID is known, and keeps a name the user chose', async () => {
    const gpm = issue('passkey');
    const response = createRegistration({
      challenge: gpm.state.challenge,
      ...expected,
      aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
    });
    const named = await verifyAndBuildMethod(input({ response, cookie: gpm.cookie }));
    expect(named.body.name).toBe('Google Password Manager');

    const own = issue('passkey');
    const mine = await verifyAndBuildMethod(
      input({
        response: createRegistration({ challenge: own.state.challenge, ...expected }),
        cookie: own.cookie,
        name: 'Work laptop',
      }),
    );
    expect(mine.body.name).toBe('Work laptop');
  });

  it('stores a security key as webauthn-roaming and accepts it without UV (but with UP)', async () => {
    const { state, cookie } = issue('security-key');
    const response = createRegistration({ challenge: state.challenge, ...expected, uv: false });
    const result = await verifyAndBuildMethod(input({ response, cookie }));
    expect(result.body).toMatchObject({
      type: 'webauthn-roaming',
      credential_device_type: 'single_device',
      credential_backed_up: false,
    });

    const noUp = issue('security-key');
    await expect(
      verifyAndBuildMethod(
        input({
          response: createRegistration({
            challenge: noUp.state.challenge,
            ...expected,
            uv: false,
            up: false,
          }),
          cookie: noUp.cookie,
        }),
      ),
    ).rejects.toEqual(refusedWith('verification_failed'));
  });

  it('rejects a wrong origin', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      origin: 'https://evil.example',
      rpId: 'localhost',
    });
    await expect(verifyAndBuildMethod(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed'),
    );
  });

  it('rejects a wrong RP ID', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      origin: expected.origin,
      rpId: 'evil.example',
    });
    await expect(verifyAndBuildMethod(input({ response, cookie }))).rejects.toEqual(
      expect.objectContaining({
        status: 400,
        code: 'verification_failed',
        message: expect.stringMatching(/different website/),
      }),
    );
  });

  it('rejects a passkey without user verification', async () => {
    const { state, cookie } = issue('passkey');
    const response = createRegistration({ challenge: state.challenge, ...expected, uv: false });
    await expect(verifyAndBuildMethod(input({ response, cookie }))).rejects.toEqual(
      expect.objectContaining({
        status: 400,
        code: 'verification_failed',
        message: expect.stringMatching(/PIN, fingerprint or face/),
      }),
    );
  });

  it('rejects a response to another challenge', async () => {
    const { cookie } = issue();
    const response = createRegistration({
      challenge: randomBytes(32).toString('base64url'),
      ...expected,
    });
    await expect(verifyAndBuildMethod(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed'),
    );
  });

  it('rejects a replayed response, even with its original cookie', async () => {
    const usedChallenges = createMemoryUsedChallenges();
    const { state, cookie } = issue();
    const response = createRegistration({ challenge: state.challenge, ...expected });
    await verifyAndBuildMethod(input({ response, cookie, usedChallenges }));
    await expect(verifyAndBuildMethod(input({ response, cookie, usedChallenges }))).rejects.toEqual(
      refusedWith('challenge_used'),
    );
  });

  it('spends the challenge even when verification fails', async () => {
    const usedChallenges = createMemoryUsedChallenges();
    const { state, cookie } = issue();
    const bad = createRegistration({ challenge: state.challenge, ...expected, uv: false });
    await expect(
      verifyAndBuildMethod(input({ response: bad, cookie, usedChallenges })),
    ).rejects.toBeDefined();
    const good = createRegistration({ challenge: state.challenge, ...expected });
    await expect(
      verifyAndBuildMethod(input({ response: good, cookie, usedChallenges })),
    ).rejects.toEqual(refusedWith('challenge_used'));
  });

  it('rejects an expired challenge', async () => {
    const { state, cookie } = issue('passkey', { exp: Date.now() - 1 });
    const response = createRegistration({ challenge: state.challenge, ...expected });
    await expect(verifyAndBuildMethod(input({ response, cookie }))).rejects.toEqual(
      refusedWith('challenge_expired'),
    );
  });

  it('rejects a challenge issued to another user', async () => {
    const { state, cookie } = issue('passkey', { userId: 'auth0|bob' });
    const response = createRegistration({ challenge: state.challenge, ...expected });
    await expect(verifyAndBuildMethod(input({ response, cookie }))).rejects.toEqual(
      refusedWith('challenge_mismatch'),
    );
  });

  it('rejects a missing or forged challenge cookie', async () => {
    const response = createRegistration({ challenge: 'abc', ...expected });
    await expect(verifyAndBuildMethod(input({ response, cookie: undefined }))).rejects.toEqual(
      refusedWith('challenge_expired'),
    );
    await expect(verifyAndBuildMethod(input({ response, cookie: 'v1.AAAA' }))).rejects.toEqual(
      refusedWith('challenge_expired'),
    );
  });

  it('rejects an assertion passed off as a registration', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      ...expected,
      type: 'webauthn.get',
    });
    await expect(verifyAndBuildMethod(input({ response, cookie }))).rejects.toEqual(
      refusedWith('verification_failed'),
    );
  });

  it('rejects a credential id longer than 1023 bytes', async () => {
    const { state, cookie } = issue();
    const response = createRegistration({
      challenge: state.challenge,
      ...expected,
      credentialId: randomBytes(1024),
    });
    await expect(verifyAndBuildMethod(input({ response, cookie }))).rejects.toEqual(
      expect.objectContaining({ status: 400, message: expect.stringMatching(/too long/) }),
    );
  });
});
