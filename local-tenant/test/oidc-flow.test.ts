import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_CLIENT_ID, ROLES_CLAIM } from '../src/config';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { Browser, formAction } from './browser';
import { control, discoverAppClient, managementClient, startTestTenant } from './helpers';

const APP = 'http://localhost:3000';
const CALLBACK = `${APP}/auth/callback`;

let tenant: RunningTenant;
let config: client.Configuration;

beforeAll(async () => {
  tenant = await startTestTenant({ appUrls: [APP] });
  config = await discoverAppClient(tenant);
});
afterAll(async () => {
  await tenant?.close();
});
beforeEach(async () => {
  await control(tenant, 'POST', '/_local/reset', {});
});

async function startLogin(browser: Browser, extra: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid profile email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  });
  const landed = await browser.follow(url.href, CALLBACK);
  return { verifier, state, landed };
}

async function signIn(browser: Browser, email: string, password: string) {
  const { verifier, state, landed } = await startLogin(browser);
  expect(landed.url).toMatch(/\/u\/login\//);
  const html = await landed.res.text();
  const action = new URL(formAction(html, '/password'), landed.url).href;
  const done = await browser.postForm(action, { email, password }, CALLBACK);
  return { verifier, state, done };
}

async function exchange(callbackUrl: string, verifier: string, state: string) {
  return client.authorizationCodeGrant(config, new URL(callbackUrl), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
}

describe('authorization code + PKCE', () => {
  it('discovery uses Auth0 paths and the trailing-slash issuer', () => {
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(`${tenant.url}/`);
    expect(meta.token_endpoint).toBe(`${tenant.url}/oauth/token`);
    expect(meta.jwks_uri).toBe(`${tenant.url}/.well-known/jwks.json`);
    expect(meta.end_session_endpoint).toBe(`${tenant.url}/oidc/logout`);
  });

  it('signs admin in with a password; the ID token carries Auth0 claims', async () => {
    const browser = new Browser();
    const { verifier, state, done } = await signIn(browser, DEMO_USERS.admin.email, DEMO_PASSWORD);
    expect(done.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await exchange(done.url, verifier, state);
    const idToken = tokens.id_token ?? '';
    const jwks = createRemoteJWKSet(new URL(`${tenant.url}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(idToken, jwks, {
      issuer: `${tenant.url}/`,
      audience: APP_CLIENT_ID,
    });
    expect(payload.sub).toBe(DEMO_USERS.admin.user_id);
    expect(typeof payload.auth_time).toBe('number');
    expect(payload.email).toBe(DEMO_USERS.admin.email);
    expect(payload.email_verified).toBe(true);
    expect(payload.name).toBe(DEMO_USERS.admin.name);
    expect(payload.nickname).toBe('admin');
    expect(typeof payload.sid).toBe('string');
    expect(payload[ROLES_CLAIM]).toEqual(['keyward-admin']);

    // Signed with the tenant's current signing key.
    const keys = await managementClient(tenant).keys.signing.list();
    expect(decodeProtectedHeader(idToken).kid).toBe(keys.find((k) => k.current)?.kid);

    const info = await client.fetchUserInfo(config, tokens.access_token, payload.sub ?? '');
    expect(info.email).toBe(DEMO_USERS.admin.email);
  });

  it('refuses wrong passwords, unknown emails and password-less users alike', async () => {
    const browser = new Browser();
    const { landed } = await startLogin(browser);
    const action = new URL(formAction(await landed.res.text(), '/password'), landed.url).href;
    for (const [email, password] of [
      [DEMO_USERS.alice.email, 'nope'],
      ['nobody@example.com', DEMO_PASSWORD],
      [DEMO_USERS.bob.email, ''],
    ] as const) {
      const { res } = await browser.postForm(action, { email, password }, CALLBACK);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Wrong email or password.');
    }
    const done = await browser.postForm(
      action,
      { email: DEMO_USERS.alice.email, password: DEMO_PASSWORD },
      CALLBACK,
    );
    expect(done.url.startsWith(CALLBACK)).toBe(true);
  });

  it('reuses the session, but prompt=login and max_age=0 show the form again', async () => {
    const browser = new Browser();
    await signIn(browser, DEMO_USERS.alice.email, DEMO_PASSWORD);
    const silent = await startLogin(browser);
    expect(silent.landed.url.startsWith(CALLBACK)).toBe(true);
    const tokens = await exchange(silent.landed.url, silent.verifier, silent.state);
    expect(tokens.claims()?.sub).toBe(DEMO_USERS.alice.user_id);

    const forced = await startLogin(browser, { prompt: 'login' });
    expect(forced.landed.url).toMatch(/\/u\/login\//);
    const maxAge = await startLogin(browser, { max_age: '0' });
    expect(maxAge.landed.url).toMatch(/\/u\/login\//);
  });

  it('requires PKCE', async () => {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid',
    });
    const { url: landed } = await new Browser().follow(url.href, CALLBACK);
    expect(landed).toContain('error=invalid_request');
  });

  it('carol signs in through the simulated Google chooser', async () => {
    const browser = new Browser();
    const { verifier, state, landed } = await startLogin(browser);
    const chooser = await browser.request(
      new URL(`${new URL(landed.url).pathname}/google`, landed.url).href,
    );
    const html = await chooser.text();
    expect(html).toContain('carol@example.com');
    // Dana's linked Google identity lists her too; database-only users are not there.
    expect(html).toContain('dana@example.com');
    expect(html).not.toContain('alice@example.com');
    const done = await browser.postForm(
      new URL(formAction(html, '/google'), landed.url).href,
      { user_id: DEMO_USERS.carol.user_id },
      CALLBACK,
    );
    const tokens = await exchange(done.url, verifier, state);
    expect(tokens.claims()?.sub).toBe(DEMO_USERS.carol.user_id);
  });

  it('logs out at /oidc/logout and /v2/logout without a confirmation page', async () => {
    const browser = new Browser();
    const { done, verifier, state } = await signIn(browser, DEMO_USERS.alice.email, DEMO_PASSWORD);
    const tokens = await exchange(done.url, verifier, state);
    const logoutUrl = client.buildEndSessionUrl(config, {
      post_logout_redirect_uri: APP,
      id_token_hint: tokens.id_token ?? '',
      state: 'xyz',
    });
    const res = await browser.request(logoutUrl.href);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${APP}/?state=xyz`);
    const again = await startLogin(browser);
    expect(again.landed.url).toMatch(/\/u\/login\//);

    await signIn(browser, DEMO_USERS.alice.email, DEMO_PASSWORD);
    const legacy = await browser.request(
      `${tenant.url}/v2/logout?client_id=${APP_CLIENT_ID}&returnTo=${encodeURIComponent(APP)}`,
    );
    expect(legacy.status).toBe(302);
    expect(new URL(legacy.headers.get('location') ?? '').href).toBe(new URL(APP).href);
    expect((await startLogin(browser)).landed.url).toMatch(/\/u\/login\//);

    await signIn(browser, DEMO_USERS.alice.email, DEMO_PASSWORD);
    const evil = await browser.request(
      `${tenant.url}/v2/logout?client_id=${APP_CLIENT_ID}&returnTo=${encodeURIComponent('https://evil.example')}`,
    );
    // Refused, by a redirect to the tenant's error page (Auth0 documents only 302 here).
    expect(evil.status).toBe(302);
    const refused = new URL(evil.headers.get('location') ?? '', tenant.url);
    expect(refused.href).toBe(`${tenant.url}/logout/refused?reason=returnTo`);
    const page = await browser.request(refused.href);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Allowed Logout URLs');
    // Nothing ended: the browser is still signed in at the tenant.
    expect((await startLogin(browser)).landed.url).toMatch(new RegExp(`^${CALLBACK}`));
  });
});
