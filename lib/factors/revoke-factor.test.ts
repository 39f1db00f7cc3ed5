// Removal against the real local tenant through the real ManagementClient: ownership, the
// last-factor rule, the per-user lock with its re-read, and a DELETE whose outcome is unknown
// counting as done for the next check. Upstream writes are counted by the tenant.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@/local-tenant/src/seed-data';
import { METHODS_LIST, startTestTenant, type TestTenant, WRITES } from '@/test/in-process-tenant';

const { alice, bob, dana } = DEMO_USERS;
// Short enough that a held-back DELETE times out quickly; the tenant's own writes take milliseconds.
const WRITE_TIMEOUT_MS = 500;

let tenant: TestTenant;
let lib: typeof import('./revoke-factor');

beforeAll(async () => {
  tenant = await startTestTenant({ AUTH0_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS) });
  lib = await import('./revoke-factor');
});

afterAll(async () => tenant?.close());

beforeEach(async () => tenant.reset());

async function idsOf(userId: string, type: string) {
  return (await tenant.methodsOf(userId)).filter((m) => m.type === type).map((m) => m.id);
}

async function idOf(userId: string, type: string) {
  const [id] = await idsOf(userId, type);
  if (!id) throw new Error(`${userId} has no ${type}`);
  return id;
}

const deletes = async () => (await tenant.stats())[WRITES.remove] ?? 0;
const refusal = (error: unknown) =>
  error && typeof error === 'object' && 'status' in error && 'code' in error
    ? { status: error.status, code: error.code }
    : error;

describe('revokeFactor', () => {
  it("removes one of bob's two passkeys with one DELETE", async () => {
    const [first, second] = await idsOf(bob.user_id, 'passkey');
    expect(await lib.revokeFactor(bob.user_id, first ?? '')).toBe('removed');
    expect(await idsOf(bob.user_id, 'passkey')).toEqual([second]);
    expect(await deletes()).toBe(1);
  });

  it("refuses bob's last passkey with 409 last_factor, and sends no DELETE", async () => {
    const [first, second] = await idsOf(bob.user_id, 'passkey');
    await lib.revokeFactor(bob.user_id, first ?? '');
    await tenant.clearStats();
    await expect(lib.revokeFactor(bob.user_id, second ?? '')).rejects.toMatchObject({
      status: 409,
      code: 'last_factor',
    });
    expect(await deletes()).toBe(0);
    expect(await idsOf(bob.user_id, 'passkey')).toEqual([second]);
  });

  it('lets dana remove her only passkey: her Google identity still signs her in', async () => {
    const id = await idOf(dana.user_id, 'passkey');
    expect(await lib.revokeFactor(dana.user_id, id)).toBe('removed');
    expect(await idsOf(dana.user_id, 'passkey')).toEqual([]);
  });

  it("refuses alice's password with 409 not_removable, and sends no DELETE", async () => {
    const id = await idOf(alice.user_id, 'password');
    await expect(lib.revokeFactor(alice.user_id, id)).rejects.toMatchObject({
      status: 409,
      code: 'not_removable',
    });
    expect(await deletes()).toBe(0);
  });

  it("removes alice's passkey: her password still signs her in", async () => {
    const id = await idOf(alice.user_id, 'passkey');
    expect(await lib.revokeFactor(alice.user_id, id)).toBe('removed');
    expect(await idsOf(alice.user_id, 'passkey')).toEqual([]);
  });

  it("answers alice's attempts on bob's methods, or a made-up id, with 404 and no DELETE", async () => {
    const bobBefore = await tenant.methodsOf(bob.user_id);
    for (const id of [...bobBefore.map((m) => m.id), 'passkey|made-up']) {
      const error = await lib.revokeFactor(alice.user_id, id).catch((e: unknown) => e);
      expect({ id, refusal: refusal(error) }).toEqual({
        id,
        refusal: { status: 404, code: 'not_found' },
      });
    }
    expect(await deletes()).toBe(0);
    expect(await tenant.methodsOf(bob.user_id)).toEqual(bobBefore);
  });

  it('answers 404 when Auth0 no longer has the method at DELETE time', async () => {
    const id = await idOf(alice.user_id, 'passkey');
    await tenant.fault({ route: WRITES.remove, status: 404, count: 1 });
    await expect(lib.revokeFactor(alice.user_id, id)).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it("passes on Auth0's clear refusal without a second look", async () => {
    const id = await idOf(alice.user_id, 'passkey');
    await tenant.fault({ route: WRITES.remove, status: 400, count: 1 });
    await tenant.clearStats();
    await expect(lib.revokeFactor(alice.user_id, id)).rejects.toMatchObject({ statusCode: 400 });
    expect(await idsOf(alice.user_id, 'passkey')).toEqual([id]);
  });

  it('removes exactly one of two passkeys when both are removed at once', async () => {
    const ids = await idsOf(bob.user_id, 'passkey');
    expect(ids).toHaveLength(2);
    // Each DELETE is held back a little, so a removal that read the methods before the other
    // one's DELETE landed (no lock, or no re-read inside it) would go through as well.
    await tenant.fault({ route: WRITES.remove, latencyMs: 150 });
    const results = await Promise.allSettled(ids.map((id) => lib.revokeFactor(bob.user_id, id)));
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value : refusal(r.reason)));
    expect(outcomes).toContainEqual('removed');
    expect(outcomes).toContainEqual({ status: 409, code: 'last_factor' });
    expect(await deletes()).toBe(1);
    expect(await idsOf(bob.user_id, 'passkey')).toHaveLength(1);
  });

  it('counts a DELETE with no answer as done for the next check, until a read settles it', async () => {
    const [first, second] = await idsOf(bob.user_id, 'passkey');
    if (!first || !second) throw new Error('bob needs two passkeys');
    // The first DELETE reaches Auth0 but its answer does not come back in time.
    await tenant.fault({ route: WRITES.remove, latencyMs: WRITE_TIMEOUT_MS * 4, count: 1 });
    expect(await lib.revokeFactor(bob.user_id, first)).toBe('pending');
    expect(await idsOf(bob.user_id, 'passkey')).toContain(first);

    // While it may still land, the other passkey is the last one.
    await expect(lib.revokeFactor(bob.user_id, second)).rejects.toMatchObject({
      status: 409,
      code: 'last_factor',
    });
    // Asking again for the pending one sends nothing new.
    expect(await lib.revokeFactor(bob.user_id, first)).toBe('pending');
    expect(await deletes()).toBe(1);

    // It lands; a fresh read settles it, and the rule still holds.
    for (let i = 0; i < 100 && (await idsOf(bob.user_id, 'passkey')).includes(first); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await idsOf(bob.user_id, 'passkey')).toEqual([second]);
    await expect(lib.revokeFactor(bob.user_id, second)).rejects.toMatchObject({
      status: 409,
      code: 'last_factor',
    });
    await expect(lib.revokeFactor(bob.user_id, first)).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(await deletes()).toBe(1);
  });

  it("leaves a gateway's 504 pending while the method is still listed", async () => {
    const [first, second] = await idsOf(bob.user_id, 'passkey');
    await tenant.fault({ route: WRITES.remove, status: 504, count: 1 });
    expect(await lib.revokeFactor(bob.user_id, first ?? '')).toBe('pending');
    expect(await idsOf(bob.user_id, 'passkey')).toEqual([first, second]);
    await expect(lib.revokeFactor(bob.user_id, second ?? '')).rejects.toMatchObject({
      code: 'last_factor',
    });
  });

  it("reports Auth0's 500 as an error when a fresh read shows the method still there", async () => {
    const [first, second] = await idsOf(bob.user_id, 'passkey');
    await tenant.fault({ route: WRITES.remove, status: 500, count: 1 });
    await expect(lib.revokeFactor(bob.user_id, first ?? '')).rejects.toMatchObject({
      statusCode: 500,
    });
    // Not pending: Auth0 answered, so the other passkey may go.
    expect(await lib.revokeFactor(bob.user_id, second ?? '')).toBe('removed');
    expect(await idsOf(bob.user_id, 'passkey')).toEqual([first]);
  });

  it('reports a DELETE whose answer was lost as removed when a fresh read shows it gone', async () => {
    const [first] = await idsOf(bob.user_id, 'passkey');
    // The DELETE lands after we stopped waiting; the re-read is answered after it landed.
    await tenant.fault({ route: WRITES.remove, latencyMs: WRITE_TIMEOUT_MS + 300, count: 1 });
    // The snapshot's read passes untouched (a fault without status or latency only counts).
    await tenant.fault({ route: METHODS_LIST, count: 1 });
    await tenant.fault({ route: METHODS_LIST, latencyMs: WRITE_TIMEOUT_MS + 600, count: 1 });
    expect(await lib.revokeFactor(bob.user_id, first ?? '')).toBe('removed');
    expect(await idsOf(bob.user_id, 'passkey')).not.toContain(first);
    expect(await deletes()).toBe(1);
  });
});
