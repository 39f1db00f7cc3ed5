// The app's side of the My Account API in tests: mint tokens through the refresh-token exchange
// (as nextjs-auth0 does) and call /me/v1 with them.
import { APP_CLIENT_ID, APP_CLIENT_SECRET, tenantUrls } from '../src/config';
import type { RunningTenant } from '../src/server';

/** A signed-in user's refresh token, rotated on every exchange as the app's session would be. */
export class MyAccountSession {
  constructor(
    private readonly tenant: RunningTenant,
    private refreshToken: string,
  ) {}

  /** A My Account access token for `scope` (default: every granted scope). */
  async token(scope?: string): Promise<string> {
    const res = await fetch(`${this.tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: APP_CLIENT_ID,
        client_secret: APP_CLIENT_SECRET,
        refresh_token: this.refreshToken,
        audience: tenantUrls(this.tenant.port).myAccountAudience,
        ...(scope ? { scope } : {}),
      }),
    });
    const body = (await res.json()) as { access_token: string; refresh_token: string };
    if (!res.ok) throw new Error(`My Account token request failed: ${JSON.stringify(body)}`);
    this.refreshToken = body.refresh_token;
    return body.access_token;
  }
}

export interface MeResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Calls the My Account API: `path` is relative to /me/v1 (e.g. `/authentication-methods`). */
export async function me(
  tenant: RunningTenant,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<MeResponse> {
  const res = await fetch(`${tenant.url}/me/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}
