// The Management API's sessions endpoints, through the real ManagementClient, backed by the
// tenant's OIDC sessions: a sign-in is listed with its device and address, ending it ends it at
// the tenant (the browser must sign in again), and the app gets a back-channel logout token.
import { Management, type ManagementClient } from 'auth0';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LogoutReceiver } from '../../test/logout-receiver';
import { APP_CLIENT_ID } from '../src/config';
import { DEMO_PASSWORD, DEMO_USERS, SEEDED_SESSIONS, USER_AGENTS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { Browser } from './browser';
import { control, discoverAppClient, m2mToken, managementClient, startTestTenant } from './helpers';
import { APP, signInWithGoogle, signInWithPassword, startLogin } from './sign-in';

const { ForbiddenError, NotFoundError } = Management;
const alice = DEMO_USERS.alice;
const bob = DEMO_USERS.bob;
const PHONE = SEEDED_SESSIONS[0];
const DAY_MS = 86_400_000;

let tenant: RunningTenant;
let mgmt: ManagementClient;
let config: client.Configuration;
const receiver = new LogoutReceiver();

beforeAll(async () => {
  const receiverUrl = await receiver.start();
  tenant = await startTestTenant({ appUrls: [APP, receiverUrl] });
  mgmt = managementClient(tenant, { maxRetries: 0 });
  config = await discoverAppClient(tenant);
});
afterAll(async () => {
  await tenant?.close();
  await receiver.close();
});
beforeEach(async () => {
  await control(tenant, 'POST', '/_local/reset', {});
  receiver.tokens.length = 0;
});

async function sessionsOf(userId: string) {
  const page = await mgmt.users.sessions.list(userId);
  return page.data;
}

/** Alice signs in with her password in a browser with `userAgent`; returns her tokens' `sid`. */
async function aliceSignsIn(browser = new Browser({ userAgent: USER_AGENTS.chromeMac })) {
  const tokens = await signInWithPassword(config, alice.email, DEMO_PASSWORD, {}, browser);
  const sid = tokens.claims()?.sid;
  if (typeof sid !== 'string') throw new Error('no sid in the ID token');
  return { browser, sid };
}

describe('GET /api/v2/users/{id}/sessions', () => {
  it('lists the seeded phone session with its device, address, times and application', async () => {
    const sessions = await sessionsOf(alice.user_id);
    expect(sessions).toHaveLength(1);
    const [phone] = sessions;
    expect(phone).toMatchObject({
      id: PHONE.id,
      user_id: alice.user_id,
      device: {
        initial_user_agent: USER_AGENTS.safariIphone,
        last_user_agent: USER_AGENTS.safariIphone,
        initial_ip: PHONE.ip,
        last_ip: PHONE.ip,
      },
      clients: [{ client_id: APP_CLIENT_ID }],
      authentication: { methods: [{ name: 'pwd' }] },
    });
    const lastActive = Date.parse(String(phone?.last_interacted_at));
    expect(Date.now() - lastActive).toBeGreaterThan(DAY_MS - 60_000);
    expect(Date.now() - lastActive).toBeLessThan(DAY_MS + 60_000);
    expect(Date.parse(String(phone?.created_at))).toBeLessThan(lastActive);
    expect(Date.parse(String(phone?.expires_at))).toBeGreaterThan(Date.now());
    expect(await sessionsOf(bob.user_id)).toEqual([]);
  });

  it('lists a real sign-in under the ID token’s sid, with the browser and the address', async () => {
    const before = Date.now();
    const { sid } = await aliceSignsIn();
    const sessions = await sessionsOf(alice.user_id);
    expect(sessions.map((s) => s.id).sort()).toEqual([PHONE.id, sid].sort());
    // Newest first.
    expect(sessions[0]?.id).toBe(sid);
    const own = sessions[0];
    expect(own?.device).toMatchObject({
      initial_user_agent: USER_AGENTS.chromeMac,
      last_user_agent: USER_AGENTS.chromeMac,
    });
    expect(own?.device?.last_ip).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(own?.clients).toEqual([{ client_id: APP_CLIENT_ID }]);
    expect(own?.authentication?.methods).toEqual([{ name: 'pwd', timestamp: expect.any(String) }]);
    expect(Date.parse(String(own?.authenticated_at))).toBeGreaterThanOrEqual(before - 1000);
    expect(await mgmt.sessions.get(sid)).toMatchObject({ id: sid, user_id: alice.user_id });
  });

  it('records a simulated Google sign-in as federated', async () => {
    const tokens = await signInWithGoogle(config, DEMO_USERS.carol.user_id);
    const [session] = await sessionsOf(DEMO_USERS.carol.user_id);
    expect(session?.id).toBe(tokens.claims()?.sid);
    expect(session?.authentication?.methods?.map((m) => m.name)).toEqual(['federated']);
  });

  it('updates last use when the session signs in to the app again without a prompt', async () => {
    const { browser, sid } = await aliceSignsIn();
    const first = await mgmt.sessions.get(sid);
    await new Promise((r) => setTimeout(r, 20));
    const again = await startLogin(config, browser);
    expect(again.landed.url).toMatch(/\/auth\/callback/);
    const second = await mgmt.sessions.get(sid);
    expect(Date.parse(String(second.last_interacted_at))).toBeGreaterThan(
      Date.parse(String(first.last_interacted_at)),
    );
    expect(second.created_at).toBe(first.created_at);
  });

  it('pages with take and the next cursor, as the SDK iterates', async () => {
    const sids = [(await aliceSignsIn()).sid, (await aliceSignsIn()).sid];
    const first = await mgmt.users.sessions.list(alice.user_id, { take: 1 });
    expect(first.data).toHaveLength(1);
    expect(first.hasNextPage()).toBe(true);
    const seen: string[] = [];
    for await (const session of first) seen.push(String(session.id));
    expect(seen.sort()).toEqual([PHONE.id, ...sids].sort());
  });

  it('answers 404 for an unknown user and 400 for a take out of range', async () => {
    await expect(mgmt.users.sessions.list('auth0|nobody')).rejects.toBeInstanceOf(NotFoundError);
    // The SDK's list names no 400 of its own: a plain ManagementError.
    await expect(mgmt.users.sessions.list(alice.user_id, { take: 0 })).rejects.toMatchObject({
      statusCode: 400,
    });
    await expect(mgmt.users.sessions.list(alice.user_id, { take: 101 })).rejects.toMatchObject({
      statusCode: 400,
      body: { errorCode: 'invalid_query_string' },
    });
  });

  it('needs read:sessions', async () => {
    const token = await m2mToken(tenant, 'read:users delete:sessions');
    const narrow = managementClient(tenant, { token, maxRetries: 0 });
    await expect(narrow.users.sessions.list(alice.user_id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(narrow.sessions.get(PHONE.id)).rejects.toMatchObject({
      statusCode: 403,
      body: { errorCode: 'insufficient_scope' },
    });
  });
});

describe('GET /api/v2/sessions/{id}', () => {
  it('answers 404 for a session that does not exist', async () => {
    await expect(mgmt.sessions.get('no-such-session')).rejects.toMatchObject({
      statusCode: 404,
      body: { message: 'The session does not exist.' },
    });
  });
});

describe('DELETE /api/v2/sessions/{id}', () => {
  it('ends the session at the tenant and sends the app a verifiable logout token', async () => {
    const { browser, sid } = await aliceSignsIn();
    const res = await mgmt.sessions.delete(sid).withRawResponse();
    expect(res.rawResponse.status).toBe(202);

    await expect(mgmt.sessions.get(sid)).rejects.toBeInstanceOf(NotFoundError);
    expect((await sessionsOf(alice.user_id)).map((s) => s.id)).toEqual([PHONE.id]);
    // The browser's tenant session is gone: the next sign-in asks again.
    expect((await startLogin(config, browser)).landed.url).toMatch(/\/u\/login\//);

    expect(receiver.tokens).toHaveLength(1);
    const jwks = createRemoteJWKSet(new URL(`${tenant.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(receiver.tokens[0] ?? '', jwks, {
      issuer: `${tenant.url}/`,
      audience: APP_CLIENT_ID,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      sub: alice.user_id,
      sid,
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    });
    expect(payload).not.toHaveProperty('nonce');
    expect(typeof payload.jti).toBe('string');
  });

  it('ends the seeded phone session too, and accepts an id that is already gone (202)', async () => {
    await mgmt.sessions.delete(PHONE.id);
    expect(await sessionsOf(alice.user_id)).toEqual([]);
    expect(receiver.claims()).toMatchObject([{ sub: alice.user_id, sid: PHONE.id }]);
    const again = await mgmt.sessions.delete(PHONE.id).withRawResponse();
    expect(again.rawResponse.status).toBe(202);
    expect(receiver.tokens).toHaveLength(1);
  });

  it('needs delete:sessions', async () => {
    const token = await m2mToken(tenant, 'read:sessions');
    const narrow = managementClient(tenant, { token, maxRetries: 0 });
    await expect(narrow.sessions.delete(PHONE.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await sessionsOf(alice.user_id)).toHaveLength(1);
    expect(receiver.tokens).toEqual([]);
  });
});

describe('DELETE /api/v2/users/{id}/sessions', () => {
  it('ends every session of that user and no one else’s', async () => {
    const { sid } = await aliceSignsIn();
    const carols = await signInWithGoogle(config, DEMO_USERS.carol.user_id);
    const res = await mgmt.users.sessions.delete(alice.user_id).withRawResponse();
    expect(res.rawResponse.status).toBe(202);
    expect(await sessionsOf(alice.user_id)).toEqual([]);
    expect((await sessionsOf(DEMO_USERS.carol.user_id)).map((s) => s.id)).toEqual([
      carols.claims()?.sid,
    ]);
    expect(
      receiver
        .claims()
        .map((c) => c.sid)
        .sort(),
    ).toEqual([PHONE.id, sid].sort());
  });

  it('answers 404 for an unknown user', async () => {
    await expect(mgmt.users.sessions.delete('auth0|nobody')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('signing out at the tenant', () => {
  it('ends the session and tells the app, at /oidc/logout', async () => {
    const { browser, sid } = await aliceSignsIn();
    const res = await browser.request(
      `${tenant.url}/oidc/logout?client_id=${APP_CLIENT_ID}&post_logout_redirect_uri=${encodeURIComponent(APP)}`,
    );
    expect(res.status).toBe(302);
    expect((await sessionsOf(alice.user_id)).map((s) => s.id)).toEqual([PHONE.id]);
    expect(receiver.claims()).toMatchObject([{ sub: alice.user_id, sid }]);
  });
});

describe('POST /oauth/revoke', () => {
  it('revokes a refresh token, as nextjs-auth0 asks when the person signs out of the app', async () => {
    const tokens = await signInWithPassword(config, alice.email, DEMO_PASSWORD);
    expect(config.serverMetadata().revocation_endpoint).toBe(`${tenant.url}/oauth/revoke`);
    await client.tokenRevocation(config, String(tokens.refresh_token));
    await expect(client.refreshTokenGrant(config, String(tokens.refresh_token))).rejects.toThrow();
  });
});

describe('/_local/reset', () => {
  it('forgets every sign-in and restores the seeded session', async () => {
    await aliceSignsIn();
    await mgmt.sessions.delete(PHONE.id);
    await control(tenant, 'POST', '/_local/reset', {});
    expect((await sessionsOf(alice.user_id)).map((s) => s.id)).toEqual([PHONE.id]);
  });
});
