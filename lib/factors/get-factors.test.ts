// The factor list and the ownership lookup against the real local tenant, through the real
// ManagementClient: what the page gets for each demo user, what it costs upstream, and that an id
// is only ever found among the signed-in user's own methods.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@/local-tenant/src/seed-data';
import { METHODS_LIST, startTestTenant, type TestTenant } from '@/test/in-process-tenant';

const { alice, bob, carol, dana } = DEMO_USERS;

let tenant: TestTenant;
let lib: typeof import('./get-factors');

beforeAll(async () => {
  tenant = await startTestTenant();
  lib = await import('./get-factors');
});

afterAll(async () => tenant?.close());

beforeEach(async () => tenant.reset());

describe('getFactors', () => {
  it("lists alice's methods as the page shows them, with one methods read and one user read", async () => {
    // The first call also fetches the M2M token; count from the second.
    await lib.getFactors(alice.user_id);
    await tenant.clearStats();

    const view = await lib.getFactors(alice.user_id);
    expect(view.factors.map((f) => [f.kind, f.name, f.removable]).sort()).toEqual(
      [
        ['passkey', 'Google Password Manager', true],
        ['password', 'Password', false],
        ['security-key', 'Desk key', true],
        ['totp', 'Authenticator app', true],
      ].sort(),
    );
    expect(view.identities).toEqual([
      { provider: 'auth0', connection: 'Username-Password-Authentication', isSocial: false },
    ]);
    expect(view.canAddPasskey).toBe(true);
    expect(await tenant.stats()).toEqual({
      [METHODS_LIST]: 1,
      'GET /api/v2/users/:id': 1,
    });
  });

  it('never carries key ids, public keys, user handles or user agents', async () => {
    const methods = await tenant.methodsOf(alice.user_id);
    const secrets = methods.flatMap((m) =>
      [m.key_id, m.public_key, m.user_handle, m.user_agent].filter(
        (v): v is string => typeof v === 'string' && v.length > 3,
      ),
    );
    expect(secrets.length).toBeGreaterThan(0);
    const json = JSON.stringify(await lib.getFactors(alice.user_id));
    for (const secret of secrets) expect(json).not.toContain(secret);
  });

  it("marks bob's two passkeys removable while he has both", async () => {
    const view = await lib.getFactors(bob.user_id);
    expect(view.factors.map((f) => [f.kind, f.removable])).toEqual([
      ['passkey', true],
      ['passkey', true],
    ]);
  });

  it('lets dana remove her only passkey, because her Google identity still signs her in', async () => {
    const view = await lib.getFactors(dana.user_id);
    expect(view.factors.map((f) => [f.kind, f.removable, f.blockedReason])).toEqual([
      ['passkey', true, null],
    ]);
    expect(view.identities.map((i) => i.provider).sort()).toEqual(['auth0', 'google-oauth2']);
  });

  it('gives carol (Google only) no methods and no way to add a passkey', async () => {
    const view = await lib.getFactors(carol.user_id);
    expect(view).toEqual({
      factors: [],
      identities: [{ provider: 'google-oauth2', connection: 'google-oauth2', isSocial: true }],
      canAddPasskey: false,
    });
  });
});

describe('findOwnMethod', () => {
  it("finds the user's own method by its exact id", async () => {
    const snapshot = await lib.loadSnapshot(bob.user_id);
    const [first] = snapshot.methods;
    expect(first).toBeDefined();
    expect(lib.findOwnMethod(snapshot, first?.id ?? '')).toBe(first);
  });

  it("answers another user's method id exactly as a made-up one: 404, same message", async () => {
    const bobs = await tenant.methodsOf(bob.user_id);
    const aliceSnapshot = await lib.loadSnapshot(alice.user_id);
    const ids = [
      ...bobs.map((m) => m.id),
      'passkey|made-up',
      '',
      // Near misses of one of alice's own ids.
      ...aliceSnapshot.methods.slice(0, 1).flatMap((m) => [m.id.toUpperCase(), ` ${m.id}`]),
    ];
    for (const id of ids) {
      let error: unknown;
      try {
        lib.findOwnMethod(aliceSnapshot, id);
      } catch (e) {
        error = e;
      }
      expect({ id, error }).toEqual({
        id,
        error: expect.objectContaining({
          status: 404,
          code: 'not_found',
          message: lib.ALREADY_REMOVED,
        }),
      });
    }
  });
});

describe('listMethods', () => {
  /** Gives carol (no methods) `count` email methods, straight through the Management API. */
  async function giveCarolEmails(count: number) {
    const { managementCall } = await import('@/lib/management/client');
    for (let i = 0; i < count; i++) {
      await managementCall(
        (m) =>
          m.users.authenticationMethods.create(carol.user_id, {
            type: 'email',
            email: `carol+${i}@example.com`,
          }),
        { write: true },
      );
    }
    await tenant.clearStats();
  }

  it('reads a full page of 100, then the next page to learn there is no more', async () => {
    await giveCarolEmails(100);
    const methods = await lib.listMethods(carol.user_id);
    expect(methods).toHaveLength(100);
    expect(await tenant.stats()).toEqual({ [METHODS_LIST]: 2 });
  });

  it('reads past the first page', async () => {
    await giveCarolEmails(101);
    const methods = await lib.listMethods(carol.user_id);
    expect(new Set(methods.map((m) => m.id)).size).toBe(101);
    expect(await tenant.stats()).toEqual({ [METHODS_LIST]: 2 });
  });

  it('reads every method in one request when they fit one page', async () => {
    await lib.listMethods(alice.user_id);
    await tenant.clearStats();
    const methods = await lib.listMethods(alice.user_id);
    expect(methods.map((m) => m.type).sort()).toEqual(
      ['passkey', 'password', 'totp', 'webauthn-roaming'].sort(),
    );
    expect(await tenant.stats()).toEqual({ [METHODS_LIST]: 1 });
  });
});
