// POST /auth/backchannel-logout's handler with real logout tokens: the local tenant ends a
// session (Management API DELETE) and sends its token, which is then given to Keyward as Auth0
// would POST it. A token that checks out ends the Keyward sessions it names, once; a forged one
// ends nothing.
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, SEEDED_SESSIONS } from '@/local-tenant/src/seed';
import { startTestTenant, type TestTenant } from '@/test/in-process-tenant';
import { LogoutReceiver } from '@/test/logout-receiver';

const ALICE = DEMO_USERS.alice.user_id;
const PHONE = SEEDED_SESSIONS[0].id;

const receiver = new LogoutReceiver();
let tenant: TestTenant;
let backchannelLogout: typeof import('./backchannel-logout').backchannelLogout;
let store: typeof import('./store').lazySessionStore;
const savedAppUrls = process.env.LOCAL_TENANT_APP_URLS;

beforeAll(async () => {
  // The tenant sends its logout tokens to the receiver as well as to the (absent) app.
  process.env.LOCAL_TENANT_APP_URLS = `http://localhost:3000,${await receiver.start()}`;
  tenant = await startTestTenant();
  ({ backchannelLogout } = await import('./backchannel-logout'));
  ({ lazySessionStore: store } = await import('./store'));
});

afterAll(async () => {
  await tenant?.close();
  await receiver.close();
  if (savedAppUrls === undefined) delete process.env.LOCAL_TENANT_APP_URLS;
  else process.env.LOCAL_TENANT_APP_URLS = savedAppUrls;
});

beforeEach(async () => {
  await tenant.reset();
  receiver.tokens.length = 0;
});

let counter = 0;
/** A Keyward sign-in made from the Auth0 session `sid`; answers its id (the cookie's content). */
async function keywardSession(sid: string): Promise<string> {
  const id = `backchannel-${++counter}`;
  const session: SessionData = {
    user: { sub: ALICE },
    tokenSet: { accessToken: 'a', refreshToken: `r-${counter}`, expiresAt: 2_000_000_000 },
    internal: { sid, createdAt: Math.floor(Date.now() / 1000) },
  };
  await store.set(id, session);
  return id;
}

/** Ends the phone's Auth0 session at the tenant; answers the logout token it sent. */
async function phoneLogoutToken(): Promise<string> {
  const { managementCall } = await import('@/lib/management/client');
  await managementCall((m) => m.sessions.delete(PHONE), { write: true });
  expect(receiver.tokens).toHaveLength(1);
  return receiver.tokens[0] ?? '';
}

const post = (token: string) =>
  backchannelLogout(
    new Request('http://localhost:3000/auth/backchannel-logout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }),
    }),
  );

describe('back-channel logout', () => {
  it('a logout token from the tenant ends the Keyward sessions made from that session, no other', async () => {
    const [phone, laptop] = [await keywardSession(PHONE), await keywardSession('laptop-sid')];
    expect(await post(await phoneLogoutToken())).toEqual({ status: 204 });
    expect(await store.get(phone)).toBeNull();
    expect(await store.get(laptop)).not.toBeNull();
  });

  it('refuses the same token sent again (replay): 400, and a sign-in made since stays', async () => {
    const token = await phoneLogoutToken();
    expect(await post(token)).toEqual({ status: 204 });
    const since = await keywardSession(PHONE);
    expect(await post(token)).toEqual({ status: 400, code: 'invalid_logout_token' });
    expect(await store.get(since)).not.toBeNull();
  });

  it('refuses a token whose claims were changed after the tenant signed it (signature): 400, nothing ends', async () => {
    const laptop = await keywardSession('laptop-sid');
    const [header, payload, signature] = (await phoneLogoutToken()).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, sid: 'laptop-sid' })).toString(
      'base64url',
    );
    expect(await post(`${header}.${forged}.${signature}`)).toEqual({
      status: 400,
      code: 'invalid_logout_token',
    });
    expect(await store.get(laptop)).not.toBeNull();
  });
});
