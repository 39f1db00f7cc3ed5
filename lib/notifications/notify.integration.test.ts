// The change and its mail, against the real local tenant: the real ManagementClient, the real
// SQLite outbox, real SMTP into the tenant's inbox. A removal Auth0 did has one mail; a refused
// one, or one Auth0 did not do, has none; one whose outcome is open is told as "requested".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS } from '@/local-tenant/src/seed-data';
import { startTestTenant, type TestTenant } from '@/test/in-process-tenant';

const { alice, bob } = DEMO_USERS;
const WRITE_TIMEOUT_MS = 500;
const REMOVED = 'A sign-in method was removed from your account';
const REQUESTED = 'A sign-in method is being removed from your account';

let tenant: TestTenant;
let dataDir: string;
let revoke: typeof import('@/lib/factors/revoke-factor');
let context: typeof import('@/lib/core/request-context');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'keyward-notify-'));
  tenant = await startTestTenant({
    AUTH0_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS),
    KEYWARD_DATA_DIR: dataDir,
  });
  revoke = await import('@/lib/factors/revoke-factor');
  context = await import('@/lib/core/request-context');
});

afterAll(async () => {
  await tenant?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => tenant.reset());

/** Runs `fn` as a request from `email`'s browser would (withRoute sets the same context). */
function asRequest<T>(
  userId: string,
  email: string,
  fn: () => Promise<T>,
  headers: { userAgent: string; ip: string } = {
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    ip: '203.0.113.7',
  },
): Promise<T> {
  return context.runWithContext(
    { userId, actor: { email, locale: 'en', ...headers, requestId: 'test' } },
    fn,
  );
}

async function methodId(userId: string, type: string, index = 0): Promise<string> {
  const ids = (await tenant.methodsOf(userId)).filter((m) => m.type === type).map((m) => m.id);
  const id = ids[index];
  if (!id) throw new Error(`${userId} has no ${type} #${index}`);
  return id;
}

async function mailsTo(email: string) {
  return (await tenant.inbox()).filter((m) => m.to.includes(email));
}

describe('notifications of removals', () => {
  it('a removal Auth0 did is one mail, naming the method, the browser and the IP', async () => {
    const id = await methodId(alice.user_id, 'passkey');
    expect(
      await asRequest(alice.user_id, alice.email, () => revoke.revokeFactor(alice.user_id, id)),
    ).toBe('removed');
    await vi.waitFor(async () => expect(await mailsTo(alice.email)).toHaveLength(1), {
      timeout: 10_000,
    });
    const [mail] = await mailsTo(alice.email);
    expect(mail?.subject).toBe(REMOVED);
    expect(mail?.text).toContain('“Google Password Manager” was removed from your account.');
    expect(mail?.text).toContain('Browser and system: Chrome on Linux');
    expect(mail?.text).toContain('IP address: 203.0.113.7');
    expect(mail?.text).toContain('http://localhost:3000/security');
  });

  it('a header’s free text never reaches the mail: a made-up agent and address read "unknown"', async () => {
    const id = await methodId(alice.user_id, 'passkey');
    // What a client can send when no proxy rewrites X-Forwarded-For, and a User-Agent shaped like
    // Auth0's "Browser / OS" summary.
    const lure = 'Call 555-0100 to keep your account';
    await asRequest(alice.user_id, alice.email, () => revoke.revokeFactor(alice.user_id, id), {
      userAgent: `${lure} / Windows`,
      ip: lure,
    });
    await vi.waitFor(async () => expect(await mailsTo(alice.email)).toHaveLength(1), {
      timeout: 10_000,
    });
    const [mail] = await mailsTo(alice.email);
    expect(mail?.text).toContain('Browser and system: unknown');
    expect(mail?.text).toContain('IP address: unknown');
    expect(mail?.text).not.toContain('555-0100');
  });

  it('a refused removal (last factor) and one Auth0 answered 500 without doing are no mail', async () => {
    const [first, second] = [
      await methodId(bob.user_id, 'passkey', 0),
      await methodId(bob.user_id, 'passkey', 1),
    ];
    // Auth0 refuses with a 500 and a fresh read shows the passkey still there: not done.
    await tenant.fault({
      route: 'DELETE /api/v2/users/:id/authentication-methods/:method_id',
      status: 500,
      count: 1,
    });
    await expect(
      asRequest(bob.user_id, bob.email, () => revoke.revokeFactor(bob.user_id, first)),
    ).rejects.toMatchObject({ statusCode: 500 });
    // This one happens; then the last passkey is refused by the policy.
    await asRequest(bob.user_id, bob.email, () => revoke.revokeFactor(bob.user_id, first));
    await expect(
      asRequest(bob.user_id, bob.email, () => revoke.revokeFactor(bob.user_id, second)),
    ).rejects.toMatchObject({ status: 409 });
    // The outbox sends in order, so once the one real removal's mail is in, nothing else was.
    await vi.waitFor(async () => expect(await mailsTo(bob.email)).toHaveLength(1), {
      timeout: 10_000,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await mailsTo(bob.email)).map((m) => m.subject)).toEqual([REMOVED]);
  });

  it('a removal whose answer was lost and is not yet visible is mailed as requested, not done', async () => {
    const id = await methodId(alice.user_id, 'passkey');
    // Held back past the write timeout: Keyward stops waiting, the read still lists it.
    await tenant.fault({
      route: 'DELETE /api/v2/users/:id/authentication-methods/:method_id',
      latencyMs: WRITE_TIMEOUT_MS * 4,
      count: 1,
    });
    expect(
      await asRequest(alice.user_id, alice.email, () => revoke.revokeFactor(alice.user_id, id)),
    ).toBe('pending');
    await vi.waitFor(async () => expect(await mailsTo(alice.email)).toHaveLength(1), {
      timeout: 10_000,
    });
    const [mail] = await mailsTo(alice.email);
    expect(mail?.subject).toBe(REQUESTED);
    expect(mail?.text).toContain('Auth0 had not confirmed it yet');
  });

  it('a change made outside a request (no address to tell) queues nothing and still happens', async () => {
    const id = await methodId(alice.user_id, 'passkey');
    expect(await revoke.revokeFactor(alice.user_id, id)).toBe('removed');
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(alice.email)).toHaveLength(0);
  });
});

describe('notifications of signing-key changes', () => {
  it('mails the acting admin once for a rotation and once for a revocation', async () => {
    const keys = await import('@/lib/signing-keys/actions');
    const { admin } = DEMO_USERS;
    await tenant.reset({ keys: true });
    const rotated = await asRequest(admin.user_id, admin.email, () => keys.rotate());
    const previous = rotated.keys?.find((k) => k.state === 'previous')?.kid ?? '';
    await asRequest(admin.user_id, admin.email, () => keys.revoke(previous));
    await vi.waitFor(async () => expect(await mailsTo(admin.email)).toHaveLength(2), {
      timeout: 10_000,
    });
    const mails = await mailsTo(admin.email);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'A signing key was revoked',
      'The tenant’s signing key was rotated',
    ]);
    const revoked = mails.find((m) => m.subject === 'A signing key was revoked');
    expect(revoked?.text).toContain(`You revoked the signing key ${previous}.`);
    expect(revoked?.text).toContain('http://localhost:3000/admin/signing-keys');
  });
});
