import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_CLIENT_ID,
  APP_CLIENT_SECRET,
  MY_ACCOUNT_GRANTED_SCOPES,
  MY_ACCOUNT_TOKEN_TTL,
  tenantUrls,
} from '../src/config';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { Browser } from './browser';
import { control, discoverAppClient, managementClient, startTestTenant } from './helpers';
import { APP, signInWithPassword, startLogin } from './sign-in';

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

/** A raw refresh_token grant, as the app's client (client_secret_post) sends it. */
async function refresh(refreshToken: string, extra: Record<string, string> = {}) {
  const res = await fetch(`${tenant.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: APP_CLIENT_ID,
      client_secret: APP_CLIENT_SECRET,
      refresh_token: refreshToken,
      ...extra,
    }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const REFUSED = {
  error: 'invalid_grant',
  error_description: 'Unknown or invalid refresh token.',
};

async function aliceTokens() {
  const tokens = await signInWithPassword(config, DEMO_USERS.alice.email, DEMO_PASSWORD);
  if (!tokens.refresh_token) throw new Error('no refresh token');
  return { ...tokens, refresh_token: tokens.refresh_token };
}

describe('refresh tokens', () => {
  it('offline_access issues one without prompt=consent, as Auth0 does', async () => {
    const tokens = await aliceTokens();
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.scope?.split(' ').sort()).toEqual([
      'email',
      'offline_access',
      'openid',
      'profile',
    ]);
    const without = await signInWithPassword(config, DEMO_USERS.alice.email, DEMO_PASSWORD, {
      scope: 'openid profile email',
    });
    expect(without.refresh_token).toBeUndefined();
  });

  it('rotate on every use; a rotated one is refused and revokes its family', async () => {
    const first = (await aliceTokens()).refresh_token;
    const second = await client.refreshTokenGrant(config, first);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first);
    expect(second.claims()?.sub).toBe(DEMO_USERS.alice.user_id);
    const third = await client.refreshTokenGrant(config, second.refresh_token ?? '');
    expect(third.refresh_token).not.toBe(second.refresh_token);

    // Reusing `first` (already rotated) is refused...
    expect(await refresh(first)).toEqual({ status: 403, body: REFUSED });
    // ...and the whole family is gone, the newest token included.
    expect(await refresh(third.refresh_token ?? '')).toEqual({ status: 403, body: REFUSED });
    expect(await refresh('not-a-refresh-token')).toEqual({ status: 403, body: REFUSED });
  });

  it("revoking one family leaves another sign-in's family alone", async () => {
    const a = (await aliceTokens()).refresh_token;
    const b = (await aliceTokens()).refresh_token;
    expect((await refresh(a)).status).toBe(200);
    expect((await refresh(a)).status).toBe(403);
    expect((await refresh(b)).status).toBe(200);
  });

  it('survive signing out at the tenant (they are not tied to the browser session)', async () => {
    const browser = new Browser();
    const tokens = await signInWithPassword(
      config,
      DEMO_USERS.alice.email,
      DEMO_PASSWORD,
      {},
      browser,
    );
    const logout = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? '' });
    // Auth0 documents only a redirect: to the logout confirmation page without a return URL.
    const signedOut = await browser.request(logout.href);
    expect(signedOut.status).toBe(302);
    expect(new URL(signedOut.headers.get('location') ?? '', logout).pathname).toBe('/logout/done');
    // The browser session is gone...
    expect((await startLogin(config, browser)).landed.url).toMatch(/\/u\/login\//);
    // ...the refresh token is not.
    expect((await refresh(tokens.refresh_token ?? '')).status).toBe(200);
  });
});

describe('Multi-Resource Refresh Token exchange for the My Account API', () => {
  const urls = () => tenantUrls(tenant.port);

  it('returns a My Account JWT, the rotated refresh token and an ID token', async () => {
    const tokens = await aliceTokens();
    // Exactly what nextjs-auth0 sends: audience `${issuer}me/`, its default scopes plus the one
    // it needs.
    const audience = `${config.serverMetadata().issuer}me/`;
    expect(audience).toBe(urls().myAccountAudience);
    const exchanged = await client.refreshTokenGrant(config, tokens.refresh_token, {
      audience,
      scope: 'openid profile email offline_access create:me:authentication_methods',
    });
    expect(exchanged.token_type.toLowerCase()).toBe('bearer');
    expect(exchanged.expires_in).toBe(MY_ACCOUNT_TOKEN_TTL);
    expect(exchanged.scope).toBe('create:me:authentication_methods');
    expect(exchanged.refresh_token).toBeTruthy();
    expect(exchanged.refresh_token).not.toBe(tokens.refresh_token);
    // openid-client has validated the ID token (issuer, audience, signature algorithm, auth_time).
    expect(exchanged.claims()).toMatchObject({
      sub: DEMO_USERS.alice.user_id,
      email: DEMO_USERS.alice.email,
    });

    const jwks = createRemoteJWKSet(new URL(`${tenant.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(exchanged.access_token, jwks, {
      issuer: urls().issuer,
      audience,
      algorithms: ['RS256'],
    });
    expect(payload).toMatchObject({
      sub: DEMO_USERS.alice.user_id,
      azp: APP_CLIENT_ID,
      scope: 'create:me:authentication_methods',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(MY_ACCOUNT_TOKEN_TTL);
    const current = (await managementClient(tenant).keys.signing.list()).find((k) => k.current);
    expect(protectedHeader.kid).toBe(current?.kid);
    expect(decodeProtectedHeader(exchanged.access_token).alg).toBe('RS256');

    // The old refresh token was rotated away.
    expect(await refresh(tokens.refresh_token, { audience })).toEqual({
      status: 403,
      body: REFUSED,
    });
  });

  it('without a *:me:* scope, issues every granted one', async () => {
    const tokens = await aliceTokens();
    const { status, body } = await refresh(tokens.refresh_token, {
      audience: urls().myAccountAudience,
    });
    expect(status).toBe(200);
    expect(body.scope).toBe(MY_ACCOUNT_GRANTED_SCOPES.join(' '));
    expect(body.id_token).toBeTruthy();
  });

  it('refuses a *:me:* scope the application is not granted, without using the token', async () => {
    const tokens = await aliceTokens();
    const denied = await refresh(tokens.refresh_token, {
      audience: urls().myAccountAudience,
      scope: 'openid read:me:authentication_methods delete:me:authentication_methods',
    });
    expect(denied).toEqual({
      status: 403,
      body: {
        error: 'access_denied',
        error_description: 'Client has not been granted scopes: delete:me:authentication_methods',
      },
    });
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });

  it('refuses any other audience', async () => {
    const tokens = await aliceTokens();
    for (const audience of [
      urls().managementAudience,
      `https://localhost:${tenant.port}/me/`,
      'https://api.example.com/',
    ]) {
      expect(await refresh(tokens.refresh_token, { audience })).toEqual({
        status: 403,
        body: {
          error: 'access_denied',
          error_description: `Service not enabled within domain: ${audience}`,
        },
      });
    }
  });

  it('client credentials cannot get a My Account token', async () => {
    const res = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'keyward-local-m2m',
        client_secret: 'keyward-local-m2m-secret',
        audience: urls().myAccountAudience,
      }),
    });
    expect(res.status).toBe(403);
  });
});
