import type { IncomingMessage } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { findClient, findGrant, refreshPolicy } from '../store/tenant-settings';
import type { Tenant } from '../tenant';
import { mintMyAccountToken } from './my-account-token';

/**
 * Refresh-token grants in flight, keyed by the raw request that both our pipeline and
 * oidc-provider see. oidc-provider does the refresh itself (client authentication, rotation,
 * reuse detection, the ID token); we only decide beforehand what a Multi-Resource Refresh Token
 * exchange may get and swap the access token afterwards.
 */
interface RefreshRequest {
  /** Set when the request named the My Account API's audience: the scopes its token gets. */
  myAccountScopes?: readonly string[];
}

const refreshRequests = new WeakMap<IncomingMessage, RefreshRequest>();

export type Denial = { error: 'access_denied'; error_description: string };

function deny(description: string): Denial {
  return { error: 'access_denied', error_description: description };
}

/**
 * Checks a refresh_token grant before oidc-provider sees it. Without `audience` it is a plain
 * refresh. With one, Auth0's MRRT rules apply: only the My Account API (`${issuer}me/`) is in the
 * policy; the application needs a client grant there; the `*:me:*` scopes asked for must be
 * granted (none asked = all granted ones) and the OIDC scopes in the request are not for this
 * token. Returns a denial (403) or null after recording what the exchange may issue.
 */
export function checkRefreshRequest(
  req: IncomingMessage,
  tenant: Tenant,
  clientId: string | undefined,
  body: Record<string, unknown>,
): Denial | null {
  const request: RefreshRequest = {};
  refreshRequests.set(req, request);
  if (body.audience === undefined) return null;
  const audience = String(body.audience);
  const activated = tenant.settings.resourceServers.some((api) => api.identifier === audience);
  if (audience !== tenant.urls.myAccountAudience || !activated) {
    return deny(`Service not enabled within domain: ${audience}`);
  }
  const { settings } = tenant;
  // The application's client grant on the My Account API (Auth0: APIs → My Account → grants).
  const grant = findGrant(settings, clientId ?? '', audience);
  if (!grant) {
    return deny(
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
    );
  }
  // The application's Multi-Resource Refresh Token policy for this API (PATCH /clients/{id}
  // refresh_token.policies). Auth0 ignores a policy that matches no API, and without one the
  // refresh token cannot be exchanged for this audience at all. (Auth0's exact words for that
  // refusal are unconfirmed; Keyward reads only `error`, never the description.)
  const policy = refreshPolicy(settings, clientId ?? '', audience);
  if (!policy || findClient(settings, clientId ?? '')?.is_first_party === false) {
    return deny(`Refresh token policy does not allow access to audience: ${audience}`);
  }
  const granted = (grant.scope ?? []).filter((scope) => policy.scope.includes(scope));
  const requested = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [];
  const asked = [...new Set(requested.filter((scope) => scope.includes(':me:')))];
  const missing = asked.filter((scope) => !granted.includes(scope));
  if (missing.length) return deny(`Client has not been granted scopes: ${missing.join(', ')}`);
  if (!granted.length)
    return deny(`Refresh token policy does not allow access to audience: ${audience}`);
  request.myAccountScopes = asked.length ? asked : granted;
  // oidc-provider refreshes with the refresh token's own scopes (and so issues the ID token).
  delete body.audience;
  delete body.scope;
  return null;
}

/** Whether this token request is a refresh_token grant (for Auth0's error answer). */
export function isRefreshRequest(req: IncomingMessage): boolean {
  return refreshRequests.has(req);
}

/**
 * After oidc-provider answered a successful MRRT exchange: replace its access token (an opaque
 * /userinfo token, which we discard) with a My Account JWT. The rotated refresh token and the ID
 * token stay, since nextjs-auth0 stores both from this response.
 */
export async function completeMyAccountExchange(
  ctx: KoaContextWithOIDC,
  tenant: Tenant,
): Promise<void> {
  const scopes = refreshRequests.get(ctx.req)?.myAccountScopes;
  const refreshToken = ctx.oidc?.entities.RefreshToken;
  const clientId = ctx.oidc?.client?.clientId;
  if (!scopes || ctx.status !== 200 || !refreshToken || !clientId) return;
  await ctx.oidc.entities.AccessToken?.destroy();
  const { token, expiresIn } = await mintMyAccountToken(tenant, {
    sub: refreshToken.accountId,
    clientId,
    scopes,
  });
  ctx.body = {
    ...(ctx.body as Record<string, unknown>),
    access_token: token,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope: scopes.join(' '),
  };
}
