import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, SEEDED_CREDENTIALS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { Browser, formAction } from './browser';
import { control, discoverAppClient, managementClient, startTestTenant } from './helpers';
import { buildAssertion } from './webauthn';

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

async function openLoginPage(browser: Browser) {
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: 'st',
  });
  const { url: pageUrl, res } = await browser.follow(url.href, CALLBACK);
  return { verifier, pageUrl, res, html: await res.text() };
}

describe('sign-in page', () => {
  it('is accessible markup with a nonce-based CSP', async () => {
    const { res, html } = await openLoginPage(new Browser());
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(csp).toContain("default-src 'none'");
    expect(html).toMatch(/<label for="email">Email<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toContain('role="alert"');
    expect(html).toContain('>Continue</button>');
    expect(html).toContain('Continue with a passkey');
    expect(html).toContain('Continue with Google (simulated)');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('throttles after 5 failures for an email; /_local/reset clears it', async () => {
    const browser = new Browser();
    const { pageUrl, html } = await openLoginPage(browser);
    const action = new URL(formAction(html, '/password'), pageUrl).href;
    const post = (password: string) =>
      browser.postForm(action, { email: DEMO_USERS.alice.email, password }, CALLBACK);
    for (let i = 0; i < 5; i++) expect((await post('wrong')).res.status).toBe(400);
    const blocked = await post(DEMO_PASSWORD);
    expect(blocked.res.status).toBe(429);
    expect(await blocked.res.text()).toContain(
      'Too many failed attempts. Try again in 15 minutes.',
    );
    await control(tenant, 'POST', '/_local/reset', {});
    const ok = await post(DEMO_PASSWORD);
    expect(ok.url.startsWith(CALLBACK)).toBe(true);
  });

  it('signs bob in with a passkey and records last_auth_at', async () => {
    const browser = new Browser();
    const { pageUrl, verifier } = await openLoginPage(browser);
    const base = new URL(pageUrl).pathname;
    const options = await browser.request(`${tenant.url}${base}/passkey/options`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const { challenge, rpId } = (await options.json()) as { challenge: string; rpId: string };
    expect(rpId).toBe('localhost');
    const credential = SEEDED_CREDENTIALS.find((c) => c.ref === 'bob-firefox');
    if (!credential) throw new Error('seed changed');
    const assertion = buildAssertion({ credential, challenge, origin: tenant.url });
    const verify = await browser.request(`${tenant.url}${base}/passkey/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(assertion),
    });
    expect(verify.status).toBe(200);
    const { redirectTo } = (await verify.json()) as { redirectTo: string };
    const done = await browser.follow(redirectTo, CALLBACK);
    const tokens = await client.authorizationCodeGrant(config, new URL(done.url), {
      pkceCodeVerifier: verifier,
      expectedState: 'st',
    });
    expect(tokens.claims()?.sub).toBe(DEMO_USERS.bob.user_id);
    const methods = await managementClient(tenant).users.authenticationMethods.list('auth0|bob');
    const used = methods.data.find((m) => m.key_id === credential.keyId);
    expect(used?.last_auth_at).toBeTruthy();
  });

  it('explains an unknown passkey', async () => {
    const browser = new Browser();
    const { pageUrl } = await openLoginPage(browser);
    const base = `${tenant.url}${new URL(pageUrl).pathname}`;
    const options = await browser.request(`${base}/passkey/options`, { method: 'POST' });
    const { challenge } = (await options.json()) as { challenge: string };
    const credential = SEEDED_CREDENTIALS[0];
    if (!credential) throw new Error('seed changed');
    const assertion = buildAssertion({
      credential: { ...credential, keyId: 'bm9ib2R5' },
      challenge,
      origin: tenant.url,
    });
    const verify = await browser.request(`${base}/passkey/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(assertion),
    });
    expect(verify.status).toBe(400);
    expect(((await verify.json()) as { message: string }).message).toMatch(/isn't registered/);
  });

  it('refuses the passkey endpoints without the interaction cookie', async () => {
    const { pageUrl } = await openLoginPage(new Browser());
    const res = await fetch(`${tenant.url}${new URL(pageUrl).pathname}/passkey/options`, {
      method: 'POST',
    });
    expect(res.status).toBe(400);
  });
});

describe('test controls', () => {
  it('counts requests per route template, including POST /oauth/token', async () => {
    await control(tenant, 'DELETE', '/_local/stats');
    await managementClient(tenant).users.authenticationMethods.list('auth0|alice');
    const { body } = await control(tenant, 'GET', '/_local/stats');
    expect(body.routes).toEqual({
      'POST /oauth/token': 1,
      'GET /api/v2/users/:id/authentication-methods': 1,
    });
  });

  it('injects status, latency and connection resets', async () => {
    await control(tenant, 'POST', '/_local/faults', {
      route: 'GET /.well-known/jwks.json',
      status: 503,
      count: 1,
    });
    expect((await fetch(`${tenant.url}/.well-known/jwks.json`)).status).toBe(503);
    expect((await fetch(`${tenant.url}/.well-known/jwks.json`)).status).toBe(200);
    await control(tenant, 'POST', '/_local/faults', {
      route: 'GET /.well-known/openid-configuration',
      reset: true,
    });
    await expect(fetch(`${tenant.url}/.well-known/openid-configuration`)).rejects.toThrow();
    await control(tenant, 'DELETE', '/_local/faults');
    await control(tenant, 'POST', '/_local/faults', {
      route: 'GET /.well-known/openid-configuration',
      latencyMs: 300,
    });
    const started = Date.now();
    expect((await fetch(`${tenant.url}/.well-known/openid-configuration`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    await control(tenant, 'DELETE', '/_local/faults');
  });

  it('are 404 without test mode; health is always on', async () => {
    const plain = await startTestTenant({ testMode: false });
    try {
      expect((await fetch(`${plain.url}/_local/stats`)).status).toBe(404);
      expect((await fetch(`${plain.url}/_local/reset`, { method: 'POST' })).status).toBe(404);
      expect(await (await fetch(`${plain.url}/_local/health`)).json()).toEqual({ ok: true });
    } finally {
      await plain.close();
    }
  });
});
