import { Management, type ManagementClient } from 'auth0';
import type * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  SEEDED_CREDENTIALS,
  SEEDED_LOG_EVENTS,
  USER_AGENTS,
} from '../src/seed';
import type { RunningTenant } from '../src/server';
import { Browser, formAction } from './browser';
import { control, discoverAppClient, m2mToken, managementClient, startTestTenant } from './helpers';
import { APP, CALLBACK, signInWithPasskey, signInWithPassword, startLogin } from './sign-in';

// GET /api/v2/users/{id}/logs through the real auth0 SDK (users.logs.list): the events the
// tenant writes for its sign-ins and API changes, Auth0's paging and what it refuses.

const { BadRequestError, ForbiddenError } = Management;

let tenant: RunningTenant;
let mgmt: ManagementClient;
let config: client.Configuration;

const alice = DEMO_USERS.alice.user_id;
const bob = DEMO_USERS.bob.user_id;
const bobPasskey = SEEDED_CREDENTIALS.find((c) => c.userId === bob && c.type === 'passkey');
if (!bobPasskey) throw new Error('seed changed');

beforeAll(async () => {
  tenant = await startTestTenant({ appUrls: [APP] });
  mgmt = managementClient(tenant);
  config = await discoverAppClient(tenant);
});
afterAll(async () => {
  await tenant?.close();
});
beforeEach(async () => {
  await control(tenant, 'POST', '/_local/reset', {});
  await control(tenant, 'POST', '/_local/rate-limit', { perSecond: null });
});

const newest = async (userId: string, perPage = 100) =>
  (await mgmt.users.logs.list(userId, { per_page: perPage, sort: 'date:-1' })).data;

async function failPassword(email: string, userAgent: string) {
  const start = await startLogin(config, new Browser({ userAgent }));
  const html = await start.landed.res.text();
  const action = new URL(formAction(html, '/password'), start.landed.url).href;
  const done = await start.browser.postForm(
    action,
    { email, password: 'wrong-password' },
    CALLBACK,
  );
  expect(done.res.status).toBe(400);
}

describe('GET /api/v2/users/{id}/logs', () => {
  it('serves the seeded events, newest first, with totals as the SDK asks by default', async () => {
    const page = await mgmt.users.logs.list(alice);
    expect(page.response).toMatchObject({ start: 0, limit: 50, total: SEEDED_LOG_EVENTS.length });
    expect(page.data.map((e) => e.type)).toEqual(['s', 'fp', 's']);
    const [signIn] = page.data;
    expect(signIn).toMatchObject({
      type: 's',
      user_id: alice,
      user_name: 'alice@example.com',
      ip: '203.0.113.24',
      // Auth0's summary of the User-Agent, not the raw header.
      user_agent: 'Mobile Safari 18.1 / iOS 18.1',
      isMobile: true,
      client_name: 'Keyward',
      connection: 'Username-Password-Authentication',
    });
    expect(signIn?.log_id).toMatch(/^\d{50,}$/);
    const dates = page.data.map((e) => Date.parse(String(e.date)));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('writes fp for a wrong password and s with performed_amr "phr" for a passkey sign-in', async () => {
    await failPassword('bob@example.com', USER_AGENTS.chromeWindows);
    await signInWithPasskey(tenant, config, bobPasskey);
    const [passkey, failed] = await newest(bob);
    expect(failed).toMatchObject({
      type: 'fp',
      user_id: bob,
      user_agent: 'Chrome 131.0.0 / Windows 10',
    });
    expect(passkey).toMatchObject({ type: 's', user_id: bob, client_id: 'keyward-local-app' });
    expect(passkey?.details?.prompts).toEqual([
      expect.objectContaining({ performed_amr: ['phr'] }),
    ]);
  });

  it('writes s without "phr" for a password sign-in, and nothing for an unknown email', async () => {
    await signInWithPassword(config, DEMO_USERS.alice.email, DEMO_PASSWORD);
    await failPassword('nobody@example.com', USER_AGENTS.chromeMac);
    const [latest] = await newest(alice);
    expect(latest?.type).toBe('s');
    expect(JSON.stringify(latest?.details)).not.toContain('phr');
    expect(await newest(alice)).toHaveLength(SEEDED_LOG_EVENTS.length + 1);
  });

  it('writes sapi for each authentication-method change made through the Management API', async () => {
    const created = await mgmt.users.authenticationMethods.create(bob, {
      type: 'webauthn-roaming',
      name: 'YubiKey',
      key_id: 'logs-test-key',
      public_key: 'pQECAyYgASFYIA',
      relying_party_identifier: 'localhost',
    });
    await mgmt.users.authenticationMethods.update(bob, created.id ?? '', { name: 'Desk key' });
    await mgmt.users.authenticationMethods.delete(bob, created.id ?? '');
    const events = (await newest(bob)).filter((e) => e.type === 'sapi');
    expect(events.map((e) => [e.details?.request, e.details?.response])).toEqual([
      [
        expect.objectContaining({
          method: 'delete',
          path: expect.stringMatching(/\/authentication-methods\/webauthn-roaming(%7C|\|)/),
        }),
        { statusCode: 204 },
      ],
      [expect.objectContaining({ method: 'patch' }), { statusCode: 200 }],
      [
        expect.objectContaining({
          method: 'post',
          path: `/api/v2/users/${encodeURIComponent(bob)}/authentication-methods`,
        }),
        { statusCode: 201 },
      ],
    ]);
    // A refused change is no change: nothing is written for it.
    await expect(
      mgmt.users.authenticationMethods.delete(bob, 'webauthn-roaming|gone'),
    ).rejects.toThrow();
    expect((await newest(bob)).filter((e) => e.type === 'sapi')).toHaveLength(3);
  });

  it('pages with page and per_page, and says so with totals', async () => {
    for (let i = 0; i < 4; i++)
      await signInWithPassword(config, DEMO_USERS.alice.email, DEMO_PASSWORD);
    const total = SEEDED_LOG_EVENTS.length + 4;
    const first = await mgmt.users.logs.list(alice, { page: 0, per_page: 3, sort: 'date:-1' });
    expect(first.data).toHaveLength(3);
    expect(first.response).toMatchObject({ start: 0, limit: 3, length: 3, total });
    expect(first.hasNextPage()).toBe(true);
    const firstIds = first.data.map((e) => e.log_id);
    // The SDK's Page moves itself on to the next page (page=1).
    const second = await first.getNextPage();
    expect(second.data).toHaveLength(3);
    const third = await mgmt.users.logs.list(alice, { page: 2, per_page: 3, sort: 'date:-1' });
    expect(third.data).toHaveLength(total - 6);
    expect(third.hasNextPage()).toBe(false);
    const ids = [...firstIds, ...[...second.data, ...third.data].map((e) => e.log_id)];
    expect(new Set(ids).size).toBe(total);
    // Ascending is the same list the other way round.
    const ascending = await mgmt.users.logs.list(alice, { per_page: 100, sort: 'date:1' });
    expect(ascending.data.map((e) => e.log_id)).toEqual([...ids].reverse());
    // Without include_totals: a bare array (the SDK then finds no `logs` and shows none).
    const bare = await mgmt.users.logs.list(alice, { per_page: 2, include_totals: false });
    expect(bare.response).toHaveLength(2);
  });

  it('refuses what Auth0 refuses: per_page over 100, a malformed sort, paging past 1,000', async () => {
    const badRequest = (request: Parameters<ManagementClient['users']['logs']['list']>[1]) =>
      expect(mgmt.users.logs.list(alice, request, { maxRetries: 0 })).rejects.toBeInstanceOf(
        BadRequestError,
      );
    await badRequest({ per_page: 101 });
    await badRequest({ sort: 'date' });
    await badRequest({ sort: 'date:2' });
    await badRequest({ page: 10, per_page: 100 });
    await expect(
      mgmt.users.logs.list(alice, { per_page: 101 }, { maxRetries: 0 }),
    ).rejects.toMatchObject({ body: { errorCode: 'invalid_query_string' } });
    // The last page inside the window is served.
    expect((await mgmt.users.logs.list(alice, { page: 9, per_page: 100 })).data).toEqual([]);
  });

  it('answers an unknown user with an empty log, not a 404 (the spec lists none)', async () => {
    const page = await mgmt.users.logs.list('auth0|nobody');
    expect(page.data).toEqual([]);
    expect(page.response).toMatchObject({ total: 0 });
  });

  it('needs read:logs or read:logs_users', async () => {
    const token = await m2mToken(tenant, 'read:users');
    const narrow = managementClient(tenant, { token, maxRetries: 0 });
    const refused = narrow.users.logs.list(alice);
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toMatchObject({
      body: { message: 'Insufficient scope, expected any of: read:logs,read:logs_users' },
    });
    const allowed = managementClient(tenant, {
      token: await m2mToken(tenant, 'read:logs_users'),
    });
    expect((await allowed.users.logs.list(alice)).data.length).toBeGreaterThan(0);
  });

  it('keeps its events with the rest of the state until a reset', async () => {
    await signInWithPassword(config, DEMO_USERS.alice.email, DEMO_PASSWORD);
    expect(await newest(alice)).toHaveLength(SEEDED_LOG_EVENTS.length + 1);
    await control(tenant, 'POST', '/_local/reset', {});
    expect(await newest(alice)).toHaveLength(SEEDED_LOG_EVENTS.length);
  });

  it('records the address the custom domain’s proxy forwards (custom_client_ip_header), as Auth0 does', async () => {
    const [domain] = await mgmt.customDomains.list();
    expect(domain?.custom_client_ip_header).toBe('x-forwarded-for');
    // The proxy appends the address that connected to it; what the client wrote before is its own.
    const browser = new Browser({ forwardedFor: '198.51.100.1, 81.169.145.78' });
    await signInWithPassword(config, DEMO_USERS.alice.email, DEMO_PASSWORD, {}, browser);
    const [signIn] = await newest(alice, 1);
    expect(signIn).toMatchObject({ type: 's', ip: '81.169.145.78' });
    const { data: sessions } = await mgmt.users.sessions.list(alice);
    expect(sessions[0]?.device).toMatchObject({ last_ip: '81.169.145.78' });
    // API calls on the canonical domain are not behind that proxy: the header is ignored there.
    const { data: methods } = await mgmt.users.authenticationMethods.list(alice);
    const totp = methods.find((m) => m.type === 'totp');
    await mgmt.users.authenticationMethods.delete(alice, totp?.id ?? '', {
      headers: { 'x-forwarded-for': '81.169.145.78' },
    });
    const [write] = await newest(alice, 1);
    expect(write).toMatchObject({ type: 'sapi' });
    expect(write?.ip).not.toBe('81.169.145.78');
  });
});
