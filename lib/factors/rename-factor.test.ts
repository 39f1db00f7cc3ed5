// Renaming against the real local tenant through the real ManagementClient: the user's own
// method is renamed with one PATCH; anyone else's id, a made-up one and the kinds without a name
// are refused before Auth0 is asked to change anything. Passkeys are renamed through the My
// Account API: faked here is only nextjs-auth0's token minting (auth0.getAccessToken), played by
// the tenant's own refresh-token exchange for the signed-in user.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEEDED_CREDENTIALS } from '@/local-tenant/src/seed';
import { DEMO_USERS } from '@/local-tenant/src/seed-data';
import type { RunningTenant } from '@/local-tenant/src/server';
import { discoverAppClient } from '@/local-tenant/test/helpers';
import { MyAccountSession } from '@/local-tenant/test/my-account-client';
import { signInWithPasskey } from '@/local-tenant/test/sign-in';
import { METHODS_LIST, startTestTenant, type TestTenant, WRITES } from '@/test/in-process-tenant';

const h = vi.hoisted(() => ({ mint: async (_scope: string) => '' }));
vi.mock('@/lib/auth0', () => ({
  auth0: {
    getAccessToken: async ({ scope }: { scope: string }) => ({
      token: await h.mint(scope),
      expiresAt: 0,
    }),
  },
}));

const MY_ACCOUNT_RENAME = 'PATCH /me/v1/authentication-methods/:id';

const { alice, bob } = DEMO_USERS;
// Short enough that a slowed PATCH times out quickly; the tenant's own writes take milliseconds.
const WRITE_TIMEOUT_MS = 400;

let tenant: TestTenant;
let renameFactor: typeof import('./rename-factor').renameFactor;

beforeAll(async () => {
  tenant = await startTestTenant({ AUTH0_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS) });
  ({ renameFactor } = await import('./rename-factor'));
  const running = { url: tenant.url, port: Number(new URL(tenant.url).port) } as RunningTenant;
  // Bob has no password: he signs in with one of his passkeys.
  const credential = SEEDED_CREDENTIALS.find(
    (c) => c.userId === bob.user_id && c.type === 'passkey',
  );
  if (!credential) throw new Error('seed changed');
  const tokens = await signInWithPasskey(running, await discoverAppClient(running), credential);
  const session = new MyAccountSession(running, tokens.refresh_token ?? '');
  h.mint = (scope) => session.token(scope);
});

afterAll(async () => tenant?.close());

beforeEach(async () => tenant.reset());

async function idOf(userId: string, type: string) {
  const method = (await tenant.methodsOf(userId)).find((m) => m.type === type);
  if (!method) throw new Error(`${userId} has no ${type}`);
  return method.id;
}

const writes = async () => {
  const stats = await tenant.stats();
  return Object.values(WRITES).reduce((sum, key) => sum + (stats[key] ?? 0), 0);
};

describe('renameFactor', () => {
  it("renames the user's own security key with one PATCH and returns it as the page shows it", async () => {
    const id = await idOf(alice.user_id, 'webauthn-roaming');
    const factor = await renameFactor(alice.user_id, id, 'Office key');
    expect(factor).toMatchObject({ id, kind: 'security-key', name: 'Office key' });
    expect((await tenant.methodsOf(alice.user_id)).find((m) => m.id === id)?.name).toBe(
      'Office key',
    );
    expect((await tenant.stats())[WRITES.rename]).toBe(1);
    expect(await writes()).toBe(1);
  });

  it("refuses another method's name, folded, on the list it reads anyway: one call, no write", async () => {
    const [first, second] = await tenant.methodsOf(bob.user_id);
    await renameFactor(bob.user_id, first?.id ?? '', 'Laptop');
    await tenant.clearStats();
    await expect(renameFactor(bob.user_id, second?.id ?? '', '  LAPTOP ')).rejects.toMatchObject({
      status: 409,
      code: 'name_taken',
      message: 'You already have a sign-in method called “LAPTOP”.',
    });
    expect(await writes()).toBe(0);
    expect((await tenant.stats())[METHODS_LIST]).toBe(1);
    // Its own name in another case is no duplicate.
    await expect(renameFactor(bob.user_id, first?.id ?? '', 'LAPTOP')).resolves.toMatchObject({
      name: 'LAPTOP',
    });
  });

  it("renames one of bob's passkeys through the My Account API and leaves the other alone", async () => {
    const [first, second] = await tenant.methodsOf(bob.user_id);
    expect(first?.type).toBe('passkey');
    await tenant.clearStats();
    await renameFactor(bob.user_id, first?.id ?? '', 'Laptop');
    const after = await tenant.methodsOf(bob.user_id);
    expect(after.find((m) => m.id === first?.id)?.name).toBe('Laptop');
    expect(after.find((m) => m.id === second?.id)?.name).toBe(second?.name);
    // The Management API documents no PATCH of a passkey; My Account's PATCH does.
    const stats = await tenant.stats();
    expect([stats[MY_ACCOUNT_RENAME], stats[WRITES.rename] ?? 0]).toEqual([1, 0]);
  });

  it('keeps the old name of a passkey when My Account refuses the new one', async () => {
    const [first] = await tenant.methodsOf(bob.user_id);
    await tenant.fault({ route: MY_ACCOUNT_RENAME, status: 400, count: 1 });
    await expect(renameFactor(bob.user_id, first?.id ?? '', 'Laptop')).rejects.toMatchObject({
      status: 502,
      code: 'upstream_error',
      message: expect.stringMatching(/keeps its old one/),
    });
    expect((await tenant.methodsOf(bob.user_id)).find((m) => m.id === first?.id)?.name).toBe(
      first?.name,
    );
  });

  it("refuses alice renaming bob's methods with 404, and Auth0 is never asked", async () => {
    const bobBefore = await tenant.methodsOf(bob.user_id);
    await tenant.clearStats();
    for (const method of bobBefore) {
      await expect(renameFactor(alice.user_id, method.id, 'mine now')).rejects.toMatchObject({
        status: 404,
        code: 'not_found',
      });
    }
    expect(await writes()).toBe(0);
    expect(await tenant.methodsOf(bob.user_id)).toEqual(bobBefore);
  });

  it('answers a made-up id like a foreign one, and Auth0 is never asked', async () => {
    await expect(renameFactor(alice.user_id, 'passkey|made-up', 'x')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(await writes()).toBe(0);
  });

  it.each(['password'])('refuses to rename a %s with 409 not_renamable', async (type) => {
    const id = await idOf(alice.user_id, type);
    await tenant.clearStats();
    await expect(renameFactor(alice.user_id, id, 'My password')).rejects.toMatchObject({
      status: 409,
      code: 'not_renamable',
    });
    expect(await writes()).toBe(0);
  });

  it('renames an authenticator app', async () => {
    const id = await idOf(alice.user_id, 'totp');
    await expect(renameFactor(alice.user_id, id, 'Phone app')).resolves.toMatchObject({
      kind: 'totp',
      name: 'Phone app',
    });
  });

  it("passes Auth0's refusal on and keeps the old name", async () => {
    const id = await idOf(alice.user_id, 'webauthn-roaming');
    await tenant.fault({ route: WRITES.rename, status: 400, count: 1 });
    await tenant.clearStats();
    await expect(renameFactor(alice.user_id, id, 'Office key')).rejects.toMatchObject({
      statusCode: 400,
    });
    // A clear refusal needs no second look: the snapshot's read is the only one.
    expect((await tenant.stats())[METHODS_LIST]).toBe(1);
    expect((await tenant.methodsOf(alice.user_id)).find((m) => m.id === id)?.name).toBe('Desk key');
  });

  it("answers a gateway's 503 as unconfirmed when a fresh read shows the old name", async () => {
    const id = await idOf(alice.user_id, 'webauthn-roaming');
    await tenant.fault({ route: WRITES.rename, status: 503, count: 1 });
    await tenant.clearStats();
    await expect(renameFactor(alice.user_id, id, 'Office key')).rejects.toMatchObject({
      status: 503,
      code: 'outcome_unknown',
      message: expect.stringMatching(/may still be saved/),
    });
    // One read for the snapshot, one to learn whether the unanswered rename happened.
    expect((await tenant.stats())[METHODS_LIST]).toBe(2);
  });

  it('never calls a rename that timed out "not done": Auth0 may still save it, and here does', async () => {
    const id = await idOf(alice.user_id, 'webauthn-roaming');
    await tenant.fault({ route: WRITES.rename, latencyMs: WRITE_TIMEOUT_MS * 3, count: 1 });
    await expect(renameFactor(alice.user_id, id, 'Office key')).rejects.toMatchObject({
      status: 503,
      code: 'outcome_unknown',
    });
    expect((await tenant.methodsOf(alice.user_id)).find((m) => m.id === id)?.name).toBe('Desk key');
    // The slow write lands after Keyward stopped waiting, as it would at Auth0.
    await new Promise((resolve) => setTimeout(resolve, WRITE_TIMEOUT_MS * 3));
    expect((await tenant.methodsOf(alice.user_id)).find((m) => m.id === id)?.name).toBe(
      'Office key',
    );
    expect((await tenant.stats())[WRITES.rename]).toBe(1);
  });
});
