// Listing and ending sessions against the real local tenant through the real ManagementClient:
// real sign-ins make real tenant sessions; ownership is checked before anything is sent; ending
// one ends it at the tenant and every Keyward session made from it; a lost answer is settled by
// a fresh read. Upstream calls are counted by the tenant.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, SEEDED_SESSIONS } from '@/local-tenant/src/seed-data';
import { discoverAppClient } from '@/local-tenant/test/helpers';
import { signInWithPassword } from '@/local-tenant/test/sign-in';
import { startTestTenant, type TestTenant } from '@/test/in-process-tenant';
import { expectHiddenForPlan } from '@/test/plan-refusal';

const { alice, admin } = DEMO_USERS;
const PHONE = SEEDED_SESSIONS[0].id;
const ROUTES = {
  list: 'GET /api/v2/users/:id/sessions',
  deleteOne: 'DELETE /api/v2/sessions/:id',
  deleteAll: 'DELETE /api/v2/users/:id/sessions',
} as const;

let tenant: TestTenant;
let dataDir: string;
let lib: typeof import('./end-sessions');
let view: typeof import('./get-sessions');
let store: typeof import('./store');
let signIn: (who: { email: string }) => Promise<string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'keyward-end-sessions-'));
  process.env.KEYWARD_DATA_DIR = dataDir;
  tenant = await startTestTenant({ AUTH0_WRITE_TIMEOUT_MS: '1000' });
  lib = await import('./end-sessions');
  view = await import('./get-sessions');
  store = await import('./store');
  const port = Number(new URL(tenant.url).port);
  const config = await discoverAppClient({
    url: tenant.url,
    port,
    smtpPort: null,
    close: async () => {},
  });
  signIn = async (who) => {
    const tokens = await signInWithPassword(config, who.email, DEMO_PASSWORD);
    const sid = tokens.claims()?.sid;
    if (typeof sid !== 'string') throw new Error('no sid');
    return sid;
  };
});

afterAll(async () => {
  await tenant?.close();
  delete process.env.KEYWARD_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => tenant.reset());

/** A Keyward session made from the Auth0 session `sid`, as nextjs-auth0 would store it. */
async function keywardSession(userId: string, sid: string): Promise<string> {
  const id = `kw-${sid}-${Math.random().toString(36).slice(2)}`;
  const session: SessionData = {
    user: { sub: userId },
    tokenSet: { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() / 1000 + 3600 },
    internal: { sid, createdAt: Math.floor(Date.now() / 1000) },
  };
  await store.sessionStore().set(id, session);
  return id;
}

const alive = async (id: string) => (await store.sessionStore().get(id)) !== null;
const listed = async (userId: string) =>
  (await view.getSessions(userId, null)).sessions.map((s) => s.id).sort();
const calls = async (route: string) => (await tenant.stats())[route] ?? 0;
const refusal = (error: unknown) =>
  error && typeof error === 'object' && 'status' in error && 'code' in error
    ? { status: error.status, code: error.code }
    : error;

describe('getSessions', () => {
  it('on a plan without sessions, answers "not on the plan" instead of failing, and logs the setting once', async () => {
    await expectHiddenForPlan(
      tenant.url,
      'plan_sessions',
      () => view.getSessions(alice.user_id, null),
      { sessions: [], notOnPlan: true },
    );
  });

  it('a missing read:sessions scope is still an error, not "not on the plan"', async () => {
    await fetch(`${tenant.url}/_local/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ break: 'm2m_scope' }),
    });
    const { forgetProcessShared } = await import('@/lib/core/registry');
    forgetProcessShared('management-client'); // a fresh M2M token, without the scope
    try {
      await expect(view.getSessions(alice.user_id, null)).rejects.toMatchObject({
        statusCode: 403,
      });
    } finally {
      forgetProcessShared('management-client');
    }
  });

  it('shows each session’s device, address, times and application, this browser’s first', async () => {
    const here = await signIn(alice);
    const { sessions } = await view.getSessions(alice.user_id, here);
    expect(sessions.map((s) => s.id)).toEqual([here, PHONE]);
    expect(sessions[0]).toMatchObject({ current: true, applications: ['Keyward'] });
    expect(sessions[1]).toMatchObject({
      id: PHONE,
      current: false,
      device: 'Safari on iOS',
      ip: SEEDED_SESSIONS[0].ip,
      applications: ['Keyward'],
    });
    const phone = sessions[1];
    expect(Date.parse(String(phone?.lastActiveAt))).toBeGreaterThan(Date.now() - 2 * 86_400_000);
    expect(Date.parse(String(phone?.startedAt))).toBeLessThan(
      Date.parse(String(phone?.lastActiveAt)),
    );
    expect(await calls(ROUTES.list)).toBe(1);
  });
});

describe('endSession', () => {
  it('ends one session at Auth0 with one DELETE, and every Keyward session made from it', async () => {
    const here = await signIn(alice);
    const there = await signIn(alice);
    const hereLocal = await keywardSession(alice.user_id, here);
    const thereLocal = await keywardSession(alice.user_id, there);
    await tenant.clearStats();

    await lib.endSession(alice.user_id, there);
    expect(await calls(ROUTES.deleteOne)).toBe(1);
    expect(await listed(alice.user_id)).toEqual([here, PHONE].sort());
    expect(await alive(thereLocal)).toBe(false);
    expect(await alive(hereLocal)).toBe(true);
  });

  it.each([
    ['another user’s session', async () => signIn(admin)],
    ['a made-up id', async () => 'not-a-session'],
    ['an ended one', async () => PHONE],
  ])('answers 404 for %s and sends nothing to end it', async (label, idOf) => {
    const id = await idOf();
    if (label === 'an ended one') await lib.endSession(alice.user_id, PHONE);
    const adminsBefore = await listed(admin.user_id);
    await tenant.clearStats();
    const error = await lib.endSession(alice.user_id, id).catch((e: unknown) => e);
    expect(refusal(error)).toEqual({ status: 404, code: 'not_found' });
    expect(await calls(ROUTES.deleteOne)).toBe(0);
    expect(await calls(ROUTES.deleteAll)).toBe(0);
    expect(await listed(admin.user_id)).toEqual(adminsBefore);
  });

  it('passes on a refusal (429) without guessing, and leaves the session', async () => {
    await tenant.fault({ route: ROUTES.deleteOne, status: 429, count: 1 });
    await expect(lib.endSession(alice.user_id, PHONE)).rejects.toMatchObject({ statusCode: 429 });
    expect(await listed(alice.user_id)).toEqual([PHONE]);
  });

  it('mails nothing for a session Auth0 refused to end; the mail comes once it is ended', async () => {
    const { runWithContext } = await import('@/lib/core/request-context');
    const asAlice = <T>(ip: string, fn: () => Promise<T>) =>
      runWithContext(
        {
          userId: alice.user_id,
          actor: { email: alice.email, locale: 'en', userAgent: 'Test', ip, requestId: ip },
        },
        fn,
      );
    await tenant.fault({ route: ROUTES.deleteOne, status: 429, count: 1 });
    await expect(
      asAlice('198.51.100.1', () => lib.endSession(alice.user_id, PHONE)),
    ).rejects.toMatchObject({ statusCode: 429 });
    await asAlice('198.51.100.2', () => lib.endSession(alice.user_id, PHONE));
    // The outbox sends in order: a mail queued by the refused request would have gone first.
    const mails = async () => (await tenant.inbox()).filter((m) => m.to.includes(alice.email));
    await vi.waitFor(
      async () => expect((await mails()).some((m) => m.text.includes('198.51.100.2'))).toBe(true),
      { timeout: 10_000 },
    );
    expect((await mails()).filter((m) => m.text.includes('198.51.100.1'))).toEqual([]);
    expect(await mails()).toHaveLength(1);
  });

  it('reads again after a 500: still listed, so the error stands', async () => {
    await tenant.fault({ route: ROUTES.deleteOne, status: 500, count: 1 });
    await expect(lib.endSession(alice.user_id, PHONE)).rejects.toMatchObject({ statusCode: 500 });
    expect(await calls(ROUTES.list)).toBe(2);
  });

  it('says the outcome is unknown when the answer is lost and the session is still listed', async () => {
    await tenant.fault({ route: ROUTES.deleteOne, reset: true, count: 1 });
    const error = await lib.endSession(alice.user_id, PHONE).catch((e: unknown) => e);
    expect(refusal(error)).toEqual({ status: 503, code: 'outcome_unknown' });
    expect(await calls(ROUTES.deleteOne)).toBe(1);
  });
});

describe('endOtherSessions', () => {
  it('ends every other session one by one, keeps this one, and sweeps stale Keyward sessions', async () => {
    const here = await signIn(alice);
    const there = await signIn(alice);
    const hereLocal = await keywardSession(alice.user_id, here);
    const thereLocal = await keywardSession(alice.user_id, there);
    // Made from an Auth0 session that ended without Keyward hearing of it.
    const staleLocal = await keywardSession(alice.user_id, 'long-gone');
    const adminLocal = await keywardSession(admin.user_id, 'admins-sid');
    await tenant.clearStats();

    expect(await lib.endOtherSessions(alice.user_id, here)).toBe(2);
    expect(await calls(ROUTES.deleteOne)).toBe(2);
    expect(await calls(ROUTES.deleteAll)).toBe(0);
    expect(await listed(alice.user_id)).toEqual([here]);
    expect(await alive(hereLocal)).toBe(true);
    expect(await alive(thereLocal)).toBe(false);
    expect(await alive(staleLocal)).toBe(false);
    expect(await alive(adminLocal)).toBe(true);
  });

  it('uses one delete-all when this browser’s session is not among them any more', async () => {
    await signIn(alice);
    await tenant.clearStats();
    expect(await lib.endOtherSessions(alice.user_id, 'ended-elsewhere')).toBe(2);
    expect(await calls(ROUTES.deleteAll)).toBe(1);
    expect(await calls(ROUTES.deleteOne)).toBe(0);
    expect(await listed(alice.user_id)).toEqual([]);
  });

  it('sends nothing when there is no other session', async () => {
    const here = await signIn(admin);
    await tenant.clearStats();
    expect(await lib.endOtherSessions(admin.user_id, here)).toBe(0);
    expect(await calls(ROUTES.deleteOne)).toBe(0);
    expect(await calls(ROUTES.deleteAll)).toBe(0);
  });
});
