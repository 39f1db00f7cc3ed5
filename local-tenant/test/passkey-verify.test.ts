import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TenantDb } from '../src/db';
import { CHALLENGE_TTL_MS, ChallengeStore } from '../src/login/challenges';
import { PASSKEY_MESSAGES, passkeyOptions, verifyPasskey } from '../src/login/passkey';
import { SEEDED_CREDENTIALS, type SeededWebAuthnCredential, seedDatabase } from '../src/seed';
import { findWebAuthnMethod } from '../src/store/methods';
import { buildAssertion } from './webauthn';

const ORIGIN = 'http://localhost:4400';
function seeded(ref: string): SeededWebAuthnCredential {
  const credential = SEEDED_CREDENTIALS.find((c) => c.ref === ref);
  if (!credential) throw new Error(`seed has no ${ref}`);
  return credential;
}
const bobCredential = seeded('bob-bitwarden');
const bobFirefox = seeded('bob-firefox');

let db: TenantDb;
let now: number;
let challenges: ChallengeStore;

beforeEach(async () => {
  db = openDatabase(':memory:');
  await seedDatabase(db);
  now = Date.now();
  challenges = new ChallengeStore(() => now);
});

async function attempt(overrides: Partial<Parameters<typeof buildAssertion>[0]> = {}) {
  const options = await passkeyOptions(challenges, 'uid-1', 'localhost');
  expect(options.allowCredentials).toEqual([]);
  expect(options.userVerification).toBe('required');
  const response = buildAssertion({
    credential: bobCredential,
    challenge: options.challenge,
    origin: ORIGIN,
    ...overrides,
  });
  return verifyPasskey({
    db,
    challenges,
    interactionUid: 'uid-1',
    response,
    expectedOrigin: ORIGIN,
    rpId: 'localhost',
  });
}

describe('passkey assertion check', () => {
  it("accepts a valid assertion from bob's seeded key and records its use", async () => {
    const before = findWebAuthnMethod(db, bobFirefox.keyId);
    expect(before?.last_auth_at).toBeNull();
    const method = await attempt({ credential: bobFirefox, signCount: 7 });
    expect(method.user_id).toBe('auth0|bob');
    const after = findWebAuthnMethod(db, bobFirefox.keyId);
    expect(after?.last_auth_at).toBeTruthy();
    expect(after?.sign_count).toBe(7);
    // A synced passkey (BE/BS flags set) works too.
    expect((await attempt()).user_id).toBe('auth0|bob');
  });

  it('rejects a wrong origin', async () => {
    await expect(attempt({ origin: 'http://evil.localhost:4400' })).rejects.toThrow(
      PASSKEY_MESSAGES.failed,
    );
  });

  it('rejects a wrong RP ID', async () => {
    await expect(attempt({ rpId: 'evil.example' })).rejects.toThrow(PASSKEY_MESSAGES.failed);
  });

  it('rejects a wrong challenge', async () => {
    await expect(attempt({ challenge: 'bm90LXRoZS1jaGFsbGVuZ2U' })).rejects.toThrow(
      PASSKEY_MESSAGES.failed,
    );
  });

  it('rejects an assertion without user verification', async () => {
    await expect(attempt({ userVerified: false })).rejects.toThrow(PASSKEY_MESSAGES.failed);
  });

  it('rejects an unknown credential', async () => {
    const stranger = { ...bobCredential, keyId: 'dW5rbm93bi1jcmVkZW50aWFs' };
    await expect(attempt({ credential: stranger })).rejects.toThrow(PASSKEY_MESSAGES.unknown);
  });

  it('uses each challenge once, and not after it expires', async () => {
    const options = await passkeyOptions(challenges, 'uid-1', 'localhost');
    const response = buildAssertion({
      credential: bobCredential,
      challenge: options.challenge,
      origin: ORIGIN,
    });
    const check = {
      db,
      challenges,
      interactionUid: 'uid-1',
      response,
      expectedOrigin: ORIGIN,
      rpId: 'localhost',
    };
    await verifyPasskey(check);
    await expect(verifyPasskey(check)).rejects.toThrow(PASSKEY_MESSAGES.expired);

    const late = await passkeyOptions(challenges, 'uid-1', 'localhost');
    now += CHALLENGE_TTL_MS + 1;
    await expect(
      verifyPasskey({
        ...check,
        response: buildAssertion({
          credential: bobCredential,
          challenge: late.challenge,
          origin: ORIGIN,
        }),
      }),
    ).rejects.toThrow(PASSKEY_MESSAGES.expired);
  });

  it('rejects a challenge issued for another interaction', async () => {
    const options = await passkeyOptions(challenges, 'uid-other', 'localhost');
    const response = buildAssertion({
      credential: bobCredential,
      challenge: options.challenge,
      origin: ORIGIN,
    });
    await expect(
      verifyPasskey({
        db,
        challenges,
        interactionUid: 'uid-1',
        response,
        expectedOrigin: ORIGIN,
        rpId: 'localhost',
      }),
    ).rejects.toThrow(PASSKEY_MESSAGES.expired);
  });
});
