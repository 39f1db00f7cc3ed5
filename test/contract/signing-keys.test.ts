// The tenant's signing keys as Keyward's admin page reads and changes them (lib/signing-keys).
// On a real tenant the writes need CONTRACT_ALLOW_KEY_ROTATION=1: Auth0 allows 5 rotations a
// day and a revoked key is gone for good.

import { Management, type ManagementClient } from 'auth0';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { describeFailure, outcome } from './management';
import { answer, contractTest, IS_REAL, type LiveTarget, openTarget } from './target';

const { NotFoundError } = Management;
type SigningKey = Management.SigningKeys;

let target: LiveTarget;

beforeAll(async () => {
  target = await openTarget();
});
afterEach(async () => {
  // Locally every test starts from the seeded key pair; nothing can be undone on a real tenant.
  if (!IS_REAL) {
    await target.resetLocal({ keys: true });
    target.management({ fresh: true });
  }
});
afterAll(async () => {
  await target?.close();
});

const mgmt = (): ManagementClient => target.management();

// Auth0 serves the JWKS through a cache, so a real tenant may show a change some seconds late.
const JWKS_POLL = IS_REAL
  ? { timeout: 90_000, interval: 5_000 }
  : { timeout: 1_000, interval: 100 };

async function jwksKids(): Promise<string[]> {
  const res = await target.fetch(`${target.issuer}.well-known/jwks.json`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
}

function roles(keys: SigningKey[]) {
  const current = keys.filter((k) => k.current === true);
  const next = keys.filter((k) => k.next === true);
  expect(current, 'exactly one current key').toHaveLength(1);
  expect(next, 'exactly one next key').toHaveLength(1);
  return { current: current[0] as SigningKey, next: next[0] as SigningKey };
}

describe('signing keys', () => {
  contractTest(
    'keys.signing.list(): fields of every key, one current and one next, both in the JWKS',
    [],
    async () => {
      const keys = await mgmt().keys.signing.list();
      for (const key of keys) {
        expect(key).toMatchObject({
          kid: expect.any(String),
          cert: expect.stringMatching(/^-----BEGIN CERTIFICATE-----/),
          fingerprint: expect.any(String),
          thumbprint: expect.any(String),
        });
      }
      const { current, next } = roles(keys);
      expect(current.current_since).toBeTruthy();
      expect(current.kid === next.kid).toBe(false);
      await expect
        .poll(jwksKids, JWKS_POLL)
        .toEqual(expect.arrayContaining([current.kid, next.kid]));
      if (!IS_REAL) {
        expect(keys).toHaveLength(2);
        expect(current.fingerprint).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
        expect(await jwksKids()).toEqual([current.kid, next.kid]);
      }
    },
  );

  contractTest(
    'rotate() answers the next key (201 {cert, kid}); revoke() of the previous key answers 200 {cert, kid}',
    ['keyWrites'],
    async () => {
      const before = roles(await mgmt().keys.signing.list());
      const rotated = await mgmt().keys.signing.rotate({ maxRetries: 0 }).withRawResponse();
      expect(rotated.rawResponse.status).toBe(201);
      // Exactly {cert, kid} is what the local tenant answers; Auth0 documents these two fields,
      // and Keyward reads neither (it re-reads the list), so a real tenant may add more.
      const rotatedShape = {
        cert: expect.stringMatching(/^-----BEGIN CERTIFICATE-----/),
        kid: expect.any(String),
      };
      if (IS_REAL) expect(rotated.data).toMatchObject(rotatedShape);
      else expect(rotated.data).toEqual(rotatedShape);

      const afterRotate = await mgmt().keys.signing.list();
      const now = roles(afterRotate);
      expect(now.current.kid).toBe(before.next.kid);
      const previous = afterRotate.find((k) => k.kid === before.current.kid);
      expect(previous?.previous).toBe(true);
      expect(previous?.current).not.toBe(true);
      if (!IS_REAL)
        expect(previous).toMatchObject({ current: false, current_until: expect.any(String) });
      expect([before.current.kid, before.next.kid]).not.toContain(now.next.kid);
      const answered =
        rotated.data.kid === now.next.kid
          ? 'the new next key'
          : rotated.data.kid === now.current.kid
            ? 'the new current key'
            : 'an unknown key';
      answer('rotate answers', answered);
      // Keyward re-reads the list after a rotation and never uses this body, so either is safe.
      if (IS_REAL) expect(answered).not.toBe('an unknown key');
      else expect(answered).toBe('the new next key');

      const revoked = await mgmt()
        .keys.signing.revoke(before.current.kid, { maxRetries: 0 })
        .withRawResponse();
      expect(revoked.rawResponse.status).toBe(200);
      const revokedShape = {
        cert: expect.stringMatching(/^-----BEGIN CERTIFICATE-----/),
        kid: before.current.kid,
      };
      if (IS_REAL) expect(revoked.data).toMatchObject(revokedShape);
      else expect(revoked.data).toEqual(revokedShape);

      // Our M2M token was signed by the key just revoked.
      const fresh = target.management({ fresh: true });
      expect(
        (await fresh.keys.signing.list()).find((k) => k.kid === before.current.kid),
      ).toMatchObject({
        revoked: true,
        revoked_at: expect.anything(),
      });
      await expect.poll(jwksKids, JWKS_POLL).not.toContain(before.current.kid);

      const again = await outcome(fresh.keys.signing.revoke(before.current.kid, { maxRetries: 0 }));
      answer('revoking a revoked key', again.ok ? '200 accepted' : describeFailure(again));
      expect(again.ok, 'a revoked key cannot be revoked again').toBe(false);
      if (!again.ok) {
        // Keyward maps 400/409 and a 403 not about a scope to "no longer a previously used key",
        // and 404 to "no longer exists".
        expect(again.status).toBeOneOf(IS_REAL ? [400, 403, 404, 409] : [403]);
      }
    },
  );

  contractTest('revoke() of an unknown kid is 404', ['keyWrites'], async () => {
    await expect(
      mgmt().keys.signing.revoke('contract-no-such-kid', { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  // Keyward offers revoke only for previously used keys (lib/signing-keys/guards.ts) and maps a
  // 400, 409 or non-scope 403 refusal to "no longer a previously used key", so it never asks for
  // these. The local tenant answers 403, the only documented refusal that is not "not found".
  contractTest(
    'UNCONFIRMED Q4: revoking the current key / the next key answers a refusal',
    ['keyWrites'],
    async () => {
      const { current, next } = roles(await mgmt().keys.signing.list());
      // The next key first: were Auth0 to accept, an unused key is the smaller loss.
      const nextResult = await outcome(mgmt().keys.signing.revoke(next.kid, { maxRetries: 0 }));
      answer('Q4 revoke next key', nextResult.ok ? '200 REVOKED' : describeFailure(nextResult));
      expect(nextResult.ok, 'revoking the next key is refused').toBe(false);

      const currentResult = await outcome(
        mgmt().keys.signing.revoke(current.kid, { maxRetries: 0 }),
      );
      answer(
        'Q4 revoke current key',
        currentResult.ok ? '200 REVOKED' : describeFailure(currentResult),
      );
      expect(currentResult.ok, 'revoking the current key is refused').toBe(false);

      for (const result of [nextResult, currentResult]) {
        if (result.ok) continue;
        if (IS_REAL) {
          expect(result.status).toBeOneOf([400, 403, 404, 409]);
          // A missing grant would be a refusal that answers nothing.
          expect(describeFailure(result)).not.toMatch(/scope/i);
        } else {
          expect(result.status).toBe(403);
          expect(result.body).toMatchObject({
            statusCode: 403,
            message: 'Only the previously used signing key can be revoked.',
            errorCode: 'invalid_signing_key_state',
          });
        }
      }
      const after = roles(await mgmt().keys.signing.list());
      expect([after.current.kid, after.next.kid]).toEqual([current.kid, next.kid]);
    },
  );
});
