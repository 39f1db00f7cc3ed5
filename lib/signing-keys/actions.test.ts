// Signing-key actions against the real local tenant through the real ManagementClient: the
// guards decide on a fresh read before Auth0 is asked to revoke anything (counted by the tenant),
// rotations collapse within their window, and failures say what happened.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestTenant, type TestTenant } from '@/test/in-process-tenant';

const LIST = 'GET /api/v2/keys/signing';
const ROTATE = 'POST /api/v2/keys/signing/rotate';
const REVOKE = 'PUT /api/v2/keys/signing/:kid/revoke';

let tenant: TestTenant;
let actions: typeof import('./actions');
let rotateAtTenant: () => Promise<void>;

beforeAll(async () => {
  tenant = await startTestTenant();
  actions = await import('./actions');
  const { managementCall } = await import('@/lib/management/client');
  // Straight to the tenant, past Keyward's window and lock: how a key becomes "previous".
  rotateAtTenant = async () => {
    await managementCall((m) => m.keys.signing.rotate(), { write: true });
  };
});

afterAll(async () => tenant?.close());

beforeEach(async () => tenant.reset({ keys: true }));

type Keys = { kid: string; state: string }[] | null;
const kidIn = (keys: Keys, state: string) => keys?.find((k) => k.state === state)?.kid;
const stateOf = (keys: Keys, kid: string | undefined) => keys?.find((k) => k.kid === kid)?.state;
const calls = async (route: string) => (await tenant.stats())[route] ?? 0;

/** The seeded current and next key, plus a previously used one made by a rotation. */
async function withPreviousKey() {
  const seeded = await actions.listKeys();
  await rotateAtTenant();
  const keys = await actions.listKeys();
  await tenant.clearStats();
  return {
    previous: kidIn(seeded, 'current') ?? '',
    current: kidIn(keys, 'current') ?? '',
    next: kidIn(keys, 'next') ?? '',
  };
}

describe('listKeys', () => {
  it('maps the seeded keys: one current, one next', async () => {
    const keys = await actions.listKeys();
    expect(keys.map((k) => k.state).sort()).toEqual(['current', 'next']);
    expect(keys.every((k) => k.cert.includes('BEGIN CERTIFICATE'))).toBe(true);
  });
});

describe('rotate', () => {
  it('promotes next to current, keeps the old current as previous, and returns the new table', async () => {
    const before = await actions.listKeys();
    const result = await actions.rotate();
    expect(result.collapsed).toBeUndefined();
    expect(kidIn(result.keys, 'current')).toBe(kidIn(before, 'next'));
    expect(stateOf(result.keys, kidIn(before, 'current'))).toBe('previous');
    expect([kidIn(before, 'current'), kidIn(before, 'next')]).not.toContain(
      kidIn(result.keys, 'next'),
    );
    expect(await calls(ROTATE)).toBe(1);
  });

  it("answers Auth0's daily rotation quota with 429 rotation_limit and when to try again", async () => {
    for (let i = 0; i < 5; i++) await rotateAtTenant();
    const before = await actions.listKeys();
    const refused = await actions.rotate().catch((error: unknown) => error);
    expect(refused).toMatchObject({
      status: 429,
      code: 'rotation_limit',
      message: expect.stringMatching(/5 signing-key rotations a day/),
    });
    // The first of the five rotations ages out of the day in about 24 hours.
    const retryAfter = Number(
      (refused as { headers: Record<string, string> }).headers['retry-after'],
    );
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    // The tenant's X-RateLimit-Reset is in whole seconds (rounded up), and so is Retry-After: up
    // to one second more than the day.
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600 + 1);
    expect(await actions.listKeys()).toEqual(before);
  });

  it("answers a passing 429 (the tenant's request limit) as busy, with Retry-After", async () => {
    const before = await actions.listKeys();
    await tenant.fault({ route: ROTATE, status: 429, count: 1 });
    await expect(actions.rotate()).rejects.toMatchObject({
      status: 503,
      code: 'rate_limited',
      headers: { 'retry-after': expect.stringMatching(/^[1-9]\d*$/) },
    });
    expect(await actions.listKeys()).toEqual(before);
  });

  it('collapses five concurrent rotations into one, and a repeat within the window too', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => actions.rotate()));
    expect(results.filter((r) => !r.collapsed)).toHaveLength(1);
    expect((await actions.rotate()).collapsed).toBe(true);
    expect(await calls(ROTATE)).toBe(1);
  });

  it('lets a rotation Auth0 refused be tried again at once', async () => {
    await tenant.fault({ route: ROTATE, status: 429, count: 1 });
    await expect(actions.rotate()).rejects.toMatchObject({ status: 503 });
    expect((await actions.rotate()).collapsed).toBeUndefined();
    expect(await calls(ROTATE)).toBe(2);
  });

  it('a rotation whose answer is lost is never called done, and a retry joins it instead of rotating again', async () => {
    const before = await actions.listKeys();
    // The connection breaks: Auth0 may or may not have rotated.
    await tenant.fault({ route: ROTATE, reset: true, count: 1 });
    await expect(actions.rotate()).rejects.toMatchObject({
      status: 503,
      code: 'outcome_unknown',
      headers: { 'retry-after': '60' },
    });
    // Asked again at once (a retry, another admin): it joins the rotation that may still land.
    const retried = await actions.rotate();
    expect(retried.collapsed).toBe(true);
    expect(kidIn(retried.keys, 'current')).toBe(kidIn(before, 'current'));
    expect(await calls(ROTATE)).toBe(1);
  });

  it("reports Auth0's 500 as an error when a fresh read shows no rotation", async () => {
    const before = await actions.listKeys();
    await tenant.fault({ route: ROTATE, status: 500, count: 1 });
    await expect(actions.rotate()).rejects.toMatchObject({ statusCode: 500 });
    expect(await actions.listKeys()).toEqual(before);
  });
});

describe('revoke', () => {
  it('revokes a previously used key after a fresh read, with one revoke call', async () => {
    const { previous } = await withPreviousKey();
    const result = await actions.revoke(previous);
    expect(stateOf(result.keys, previous)).toBe('revoked');
    expect(await calls(REVOKE)).toBe(1);
    expect(await calls(LIST)).toBeGreaterThanOrEqual(2);
  });

  it('refuses the current and the next key with 409 key_in_use, and Auth0 is never asked', async () => {
    const { current, next } = await withPreviousKey();
    for (const kid of [current, next]) {
      await expect(actions.revoke(kid)).rejects.toMatchObject({ status: 409, code: 'key_in_use' });
    }
    expect(await calls(REVOKE)).toBe(0);
    const keys = await actions.listKeys();
    expect([stateOf(keys, current), stateOf(keys, next)]).toEqual(['current', 'next']);
  });

  it('refuses a key already revoked with 409 already_revoked, and Auth0 is never asked again', async () => {
    const { previous } = await withPreviousKey();
    await actions.revoke(previous);
    await tenant.clearStats();
    await expect(actions.revoke(previous)).rejects.toMatchObject({
      status: 409,
      code: 'already_revoked',
    });
    expect(await calls(REVOKE)).toBe(0);
  });

  it('answers 404 for an unknown kid without asking Auth0 to revoke it', async () => {
    await expect(actions.revoke('no-such-kid')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(await calls(REVOKE)).toBe(0);
  });

  it('answers 404 when Auth0 no longer has the key, and 409 when Auth0 refuses it', async () => {
    const { previous } = await withPreviousKey();
    await tenant.fault({ route: REVOKE, status: 404, count: 1 });
    await expect(actions.revoke(previous)).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    await tenant.fault({ route: REVOKE, status: 400, count: 1 });
    await expect(actions.revoke(previous)).rejects.toMatchObject({
      status: 409,
      code: 'key_in_use',
    });
  });
});

describe('rotateAndRevoke', () => {
  it('rotates, then revokes the key that was current', async () => {
    const before = await actions.listKeys();
    const result = await actions.rotateAndRevoke();
    expect(result.revokedKid).toBe(kidIn(before, 'current'));
    expect(stateOf(result.keys, kidIn(before, 'current'))).toBe('revoked');
    expect(kidIn(result.keys, 'current')).toBe(kidIn(before, 'next'));
    expect([await calls(ROTATE), await calls(REVOKE)]).toEqual([1, 1]);
  });

  it('says exactly what happened when the revoke fails after the rotation', async () => {
    const before = await actions.listKeys();
    await tenant.fault({ route: REVOKE, status: 400, count: 1 });
    const error = await actions.rotateAndRevoke().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'revoke_failed_after_rotate' });
    expect(error).toHaveProperty(
      'message',
      expect.stringMatching(
        /^The key was rotated, but revoking the previous key failed: .+\. .*Revoke it from the table\.$/,
      ),
    );
    // The rotation stands; the key that was current is now previously used, not revoked.
    const after = await actions.listKeys();
    expect(kidIn(after, 'current')).toBe(kidIn(before, 'next'));
    expect(stateOf(after, kidIn(before, 'current'))).toBe('previous');
  });

  it('revokes nothing when the rotation fails', async () => {
    await tenant.fault({ route: ROTATE, status: 500, count: 1 });
    await expect(actions.rotateAndRevoke()).rejects.toMatchObject({ statusCode: 500 });
    expect(await calls(REVOKE)).toBe(0);
  });

  it('collapses concurrent calls into one rotation and one revoke', async () => {
    const before = await actions.listKeys();
    const [a, b] = await Promise.all([actions.rotateAndRevoke(), actions.rotateAndRevoke()]);
    expect([a.revokedKid, b.revokedKid].sort()).toEqual([kidIn(before, 'current'), null].sort());
    expect([a.collapsed, b.collapsed].filter(Boolean)).toHaveLength(1);
    expect([await calls(ROTATE), await calls(REVOKE)]).toEqual([1, 1]);
  });

  it('right after a Rotate, changes nothing and says how long until it may run', async () => {
    await actions.rotate();
    const before = await actions.listKeys();
    const joined = await actions.rotateAndRevoke();
    expect(joined).toMatchObject({ collapsed: true, revokedKid: null });
    expect(joined.retryAfterSeconds).toBeGreaterThan(0);
    expect(joined.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await actions.listKeys()).toEqual(before);
    expect([await calls(ROTATE), await calls(REVOKE)]).toEqual([1, 0]);
  });
});

describe('revoke, written ahead', () => {
  /** The process's TTL store replaced by one whose writes fail (reads: nothing recorded). */
  async function unwritableStore() {
    const { forgetProcessShared, processShared } = await import('@/lib/core/registry');
    const { errors } = await import('@/lib/core/errors');
    forgetProcessShared('ttl-store');
    processShared('ttl-store', () => ({
      get: async () => null,
      claim: async () => {
        throw errors.storeUnavailable();
      },
      set: async () => {
        throw errors.storeUnavailable();
      },
      delete: async () => {
        throw errors.storeUnavailable();
      },
    }));
  }

  it('sends nothing when the intent cannot be recorded: 503 store_unavailable', async () => {
    const { previous } = await withPreviousKey();
    await unwritableStore();
    await expect(actions.revoke(previous)).rejects.toMatchObject({
      status: 503,
      code: 'store_unavailable',
    });
    expect(await calls(REVOKE)).toBe(0);
    expect(stateOf(await actions.listKeys(), previous)).toBe('previous');
  });

  it('after the rotation of rotate-and-revoke, says the rotation happened and the revoke was not sent', async () => {
    const seeded = await actions.listKeys();
    await tenant.clearStats();
    const store = (await import('@/lib/state/ttl-store')).ttlStore();
    // The rotation mark is written; the revoke's intent is not.
    const set = store.set.bind(store);
    store.set = async (k, v, ttl) => {
      if (k.startsWith('signing-keys:revoking:')) {
        const { errors } = await import('@/lib/core/errors');
        throw errors.storeUnavailable();
      }
      return set(k, v, ttl);
    };
    await expect(actions.rotateAndRevoke()).rejects.toMatchObject({
      status: 502,
      code: 'revoke_failed_after_rotate',
    });
    expect(await calls(ROTATE)).toBe(1);
    expect(await calls(REVOKE)).toBe(0);
    expect(stateOf(await actions.listKeys(), kidIn(seeded, 'current'))).toBe('previous');
  });

  it('a revoke whose answer is lost is never sent again nor called "not done" while it may land', async () => {
    const { previous } = await withPreviousKey();
    // The connection breaks: Auth0 may or may not have revoked it.
    await tenant.fault({ route: REVOKE, reset: true, count: 1 });
    await expect(actions.revoke(previous)).rejects.toMatchObject({
      status: 503,
      code: 'outcome_unknown',
    });
    expect(await calls(REVOKE)).toBe(1);
    // Asked again (a retry, another admin): the same answer, and Auth0 is not asked twice.
    await expect(actions.revoke(previous)).rejects.toMatchObject({
      status: 503,
      code: 'outcome_unknown',
    });
    expect(await calls(REVOKE)).toBe(1);

    // It lands late; the next request reads it so, and the intent is settled.
    const { managementCall } = await import('@/lib/management/client');
    await managementCall((m) => m.keys.signing.revoke(previous), { write: true });
    await expect(actions.revoke(previous)).rejects.toMatchObject({ code: 'already_revoked' });
    await expect(actions.revoke(previous)).rejects.toMatchObject({ code: 'already_revoked' });
  });

  it('survives a restart: the intent is in the data folder, not in the process', async () => {
    const { previous } = await withPreviousKey();
    await tenant.fault({ route: REVOKE, reset: true, count: 1 });
    await expect(actions.revoke(previous)).rejects.toMatchObject({ code: 'outcome_unknown' });
    // A new process: every registry entry (store connections, locks) is made again.
    const { forgetProcessShared } = await import('@/lib/core/registry');
    forgetProcessShared('ttl-store');
    forgetProcessShared('state-db');
    forgetProcessShared('lock');
    await expect(actions.revoke(previous)).rejects.toMatchObject({ code: 'outcome_unknown' });
    expect(await calls(REVOKE)).toBe(1);
  });
});
