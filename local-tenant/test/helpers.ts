import { ManagementClient } from 'auth0';
import * as client from 'openid-client';
import {
  APP_CLIENT_ID,
  APP_CLIENT_SECRET,
  M2M_CLIENT_ID,
  M2M_CLIENT_SECRET,
  tenantUrls,
} from '../src/config';
import { type RunningTenant, startTenant } from '../src/server';

export function startTestTenant(overrides: Parameters<typeof startTenant>[0] = {}) {
  return startTenant({
    port: 0,
    dbPath: ':memory:',
    testMode: true,
    quiet: true,
    appUrls: ['http://localhost:3000'],
    rateLimitPerSecond: null,
    rateBurst: null,
    myAccountReadsPerMinute: null,
    ...overrides,
  });
}

/**
 * The SDK always calls https://{domain}; the tenant is plain http (documented `fetch` option).
 * Rewrites `https://{host}` to `http://{host}` for the given host (the canonical one by default).
 */
export function localFetch(
  tenant: RunningTenant,
  host = tenantUrls(tenant.port).canonicalHost,
): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return fetch(url.replace(`https://${host}`, `http://${host}`), init);
  };
}

/** The SDK as the app builds it: on the canonical domain, never the sign-in (custom) domain. */
export function managementClient(
  tenant: RunningTenant,
  options: { maxRetries?: number; token?: string } = {},
): ManagementClient {
  const common = {
    domain: tenantUrls(tenant.port).canonicalHost,
    fetch: localFetch(tenant),
    maxRetries: options.maxRetries ?? 2,
    timeoutInSeconds: 10,
  };
  return options.token
    ? new ManagementClient({ ...common, token: options.token })
    : new ManagementClient({ ...common, clientId: M2M_CLIENT_ID, clientSecret: M2M_CLIENT_SECRET });
}

/**
 * A Management token, asked for through the canonical host it is then used on (tokens are bound
 * to the host they were obtained through), or through `origin`.
 */
export async function m2mToken(
  tenant: RunningTenant,
  scope?: string,
  origin = tenantUrls(tenant.port).canonicalOrigin,
): Promise<string> {
  const res = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: M2M_CLIENT_ID,
      client_secret: M2M_CLIENT_SECRET,
      audience: tenantUrls(tenant.port).managementAudience,
      ...(scope ? { scope } : {}),
    }),
  });
  if (!res.ok) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function control(tenant: RunningTenant, method: string, path: string, body?: unknown) {
  const res = await fetch(`${tenant.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

/** The app's OIDC client configuration against a test tenant, discovered as nextjs-auth0 does. */
export function discoverAppClient(tenant: RunningTenant): Promise<client.Configuration> {
  return client.discovery(
    new URL(tenant.url),
    APP_CLIENT_ID,
    APP_CLIENT_SECRET,
    client.ClientSecretPost(APP_CLIENT_SECRET),
    { execute: [client.allowInsecureRequests] },
  );
}
