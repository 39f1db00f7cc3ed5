import { ManagementClient, ManagementError } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { M2M_CLIENT_ID, M2M_CLIENT_SECRET, tenantUrls } from '../src/config';
import { DEMO_USERS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { localFetch, m2mToken, startTestTenant } from './helpers';

// Sign-in runs on http://localhost:{port} (standing in for an Auth0 custom domain); the
// Management API belongs to the canonical domain 127.0.0.1:{port}, as Auth0's docs require.

let tenant: RunningTenant;

beforeAll(async () => {
  tenant = await startTestTenant();
});
afterAll(async () => {
  await tenant?.close();
});

function client(host: string): ManagementClient {
  return new ManagementClient({
    domain: host,
    clientId: M2M_CLIENT_ID,
    clientSecret: M2M_CLIENT_SECRET,
    fetch: localFetch(tenant, host),
    maxRetries: 0,
  });
}

describe('canonical domain', () => {
  it('a ManagementClient on the sign-in domain fails at its token request', async () => {
    const { signInHost } = tenantUrls(tenant.port);
    const error = await client(signInHost)
      .users.get(DEMO_USERS.alice.user_id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toMatchObject({
      statusCode: 403,
      body: {
        error: 'access_denied',
        error_description: `Service not enabled within domain: https://${signInHost}/api/v2/`,
      },
    });
    expect((error as Error).message).toMatch(/token request failed/);
  });

  it('a ManagementClient on the canonical domain works', async () => {
    const { canonicalHost } = tenantUrls(tenant.port);
    const user = await client(canonicalHost).users.get(DEMO_USERS.alice.user_id);
    expect(user.user_id).toBe(DEMO_USERS.alice.user_id);
  });

  it('client credentials for the sign-in audience are refused like an unknown API', async () => {
    const audience = `https://localhost:${tenant.port}/api/v2/`;
    const res = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: M2M_CLIENT_ID,
        client_secret: M2M_CLIENT_SECRET,
        audience,
      }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: 'access_denied',
      error_description: `Service not enabled within domain: ${audience}`,
    });
  });

  it('a Management token works only on the host it was obtained through', async () => {
    const { canonicalOrigin, origin } = tenantUrls(tenant.port);
    const tokenThrough = (base: string) => m2mToken(tenant, undefined, base);
    const path = `/api/v2/users/${encodeURIComponent(DEMO_USERS.alice.user_id)}`;
    const call = (base: string, token: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const canonical = await tokenThrough(canonicalOrigin);
    const signIn = await tokenThrough(origin);
    expect((await call(canonicalOrigin, canonical)).status).toBe(200);
    expect((await call(origin, signIn)).status).toBe(200);
    const crossed = await call(canonicalOrigin, signIn);
    expect(crossed.status).toBe(401);
    expect(await crossed.json()).toMatchObject({ statusCode: 401, errorCode: 'invalid_token' });
    expect((await call(origin, canonical)).status).toBe(401);
  });

  it('serves the canonical domain on 127.0.0.1 and sign-in on localhost', async () => {
    const { canonicalOrigin, origin, issuer } = tenantUrls(tenant.port);
    expect((await fetch(`${canonicalOrigin}/_local/health`)).status).toBe(200);
    const discovery = (await (
      await fetch(`${origin}/.well-known/openid-configuration`)
    ).json()) as { issuer: string };
    expect(discovery.issuer).toBe(issuer);
  });
});
