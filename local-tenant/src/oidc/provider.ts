import type { JsonWebKey } from 'node:crypto';
import {
  type ClientMetadata,
  type Configuration,
  errors,
  type KoaContextWithOIDC,
  Provider,
} from 'oidc-provider';
import {
  APP_CLIENT_ID,
  APP_CLIENT_SECRET,
  M2M_CLIENT_ID,
  M2M_CLIENT_SECRET,
  OIDC_SCOPES,
  ROLES_CLAIM,
} from '../config';
import { ISSUED_THROUGH_CLAIM } from '../management/auth';
import { BACKCHANNEL_LOGOUT_PATH } from '../sessions/backchannel';
import { recordSessionUse } from '../sessions/record-use';
import { grantedScopes } from '../store/tenant-settings';
import { getUser } from '../store/users';
import type { Tenant } from '../tenant';
import { renderErrorPage } from './error-page';
import { loadExistingGrant } from './grants';
import { completeMyAccountExchange, isRefreshRequest } from './mrrt';
import { restoreOfflineAccess } from './offline-access';

/** Auth0's endpoint paths. */
export const OIDC_ROUTES = {
  authorization: '/authorize',
  token: '/oauth/token',
  jwks: '/.well-known/jwks.json',
  userinfo: '/userinfo',
  end_session: '/oidc/logout',
  revocation: '/oauth/revoke',
} as const;

export const MANAGEMENT_TOKEN_TTL = 86_400;

export function appClient(tenant: Tenant): ClientMetadata {
  return {
    client_id: APP_CLIENT_ID,
    client_secret: APP_CLIENT_SECRET,
    client_name: 'Keyward',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: tenant.config.appUrls.map((url) => `${url}/auth/callback`),
    post_logout_redirect_uris: tenant.config.appUrls,
    // Auth0 takes one back-channel logout URI per application; tokens go to every app URL
    // (sessions/backchannel.ts), this one is what the registration shows.
    ...(tenant.config.appUrls[0]
      ? {
          backchannel_logout_uri: `${tenant.config.appUrls[0]}${BACKCHANNEL_LOGOUT_PATH}`,
          backchannel_logout_session_required: true,
        }
      : {}),
    // oidc-provider accepts client_secret_basic too for a client registered with _post.
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
    require_auth_time: true,
  };
}

function m2mClient(): ClientMetadata {
  return {
    client_id: M2M_CLIENT_ID,
    client_secret: M2M_CLIENT_SECRET,
    client_name: 'Keyward Management',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_post',
  };
}

function configuration(tenant: Tenant, keys: JsonWebKey[]): Configuration {
  return {
    adapter: (name: string) => tenant.oidcStore.adapterFor(name),
    clients: [appClient(tenant), m2mClient()],
    // Auth0's session cookie is SameSite=Lax. oidc-provider 8 defaults its long-lived cookies to
    // None, which browsers drop without Secure, and the local tenant is plain http.
    cookies: { keys: tenant.cookieKeys, long: { sameSite: 'lax' } },
    jwks: { keys: keys as NonNullable<Configuration['jwks']>['keys'] },
    routes: OIDC_ROUTES,
    scopes: [...OIDC_SCOPES],
    responseTypes: ['code'],
    pkce: { required: () => true },
    // Auth0 puts the profile claims in the ID token, not only at /userinfo.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub', ROLES_CLAIM],
      email: ['email', 'email_verified'],
      profile: ['name', 'nickname', 'picture', 'updated_at'],
    },
    findAccount: (_ctx, sub) => {
      const user = getUser(tenant.db, sub);
      if (!user) return undefined;
      return {
        accountId: user.user_id,
        claims: () => ({
          sub: user.user_id,
          email: user.email,
          email_verified: user.email_verified,
          name: user.name,
          nickname: user.nickname,
          ...(user.picture ? { picture: user.picture } : {}),
          updated_at: user.updated_at,
          [ROLES_CLAIM]: user.roles,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `/u/login/${interaction.uid}` },
    loadExistingGrant,
    // Auth0's `audience` authorization parameter is accepted (and, as before, not acted on); its
    // validator is where Auth0's offline_access rule is applied (see ./offline-access.ts).
    extraParams: { audience: restoreOfflineAccess },
    // Auth0 rotates refresh tokens on every use; oidc-provider then refuses a rotated one and
    // revokes every token of its grant (the token family).
    rotateRefreshToken: true,
    renderError: renderErrorPage,
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      backchannelLogout: { enabled: true },
      // Auth0's /oauth/revoke: nextjs-auth0 revokes the refresh token when the person signs out.
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // `undefined` when there is nothing to choose from, as the library's own default does (its
        // v8 type definitions leave that case out).
        defaultResource: (_ctx, _client, oneOf) => oneOf as string[],
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (resource !== tenant.urls.managementAudience || client.clientId !== M2M_CLIENT_ID) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: grantedScopes(tenant.settings, M2M_CLIENT_ID, resource).join(' '),
            audience: resource,
            accessTokenTTL: MANAGEMENT_TOKEN_TTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The host the token was asked for through: the Management API takes it on that host only,
    // as Auth0 binds a token got through a custom domain to that domain (see management/auth.ts).
    extraTokenClaims: (ctx, token) =>
      token.kind === 'ClientCredentials'
        ? { gty: 'client-credentials', azp: token.clientId, [ISSUED_THROUGH_CLAIM]: ctx.host }
        : {},
    ttl: {
      AccessToken: 86_400,
      AuthorizationCode: 60,
      ClientCredentials: MANAGEMENT_TOKEN_TTL,
      IdToken: 36_000,
      Interaction: 3_600,
      Grant: 14 * 86_400,
      Session: 3 * 86_400,
      RefreshToken: 30 * 86_400,
    },
  };
}

/**
 * A Provider for the given signing keys (current first: oidc-provider signs with the first key
 * matching the algorithm). Keys are fixed at construction, so ProviderHost builds a new one per
 * key set; all of them share the tenant's OidcStore.
 */
export function buildProvider(tenant: Tenant, keys: JsonWebKey[]): Provider {
  const provider = new Provider(tenant.urls.issuer, configuration(tenant, keys));
  // Auth0 always puts `sid` in the ID token; oidc-provider only does for back-channel logout
  // clients. Client is a per-provider class, so this touches only this instance.
  Object.defineProperty(provider.Client.prototype, 'includeSid', { value: () => true });
  // Auth0's `sid` is the session's own id, the same for every application and the id the
  // Management API lists it by. oidc-provider draws a random one per client; use the session's
  // stable uid instead.
  Object.defineProperty(provider.Session.prototype, 'ensureClientContainer', {
    value(
      this: { uid: string; sidFor(clientId: string, value?: string): string | undefined },
      clientId: string,
    ) {
      if (!this.sidFor(clientId)) this.sidFor(clientId, this.uid);
    },
  });
  // Device, address and time of every sign-in and every silent reuse of a session, for the
  // Management API's session details.
  provider.on('authorization.success', (ctx) => recordSessionUse(tenant, ctx));
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== OIDC_ROUTES.token) return;
    const body = ctx.body as { error?: string } | undefined;
    // Auth0 answers a failed client authentication at /oauth/token with access_denied.
    if (ctx.status === 401 && body?.error === 'invalid_client') {
      ctx.body = { error: 'access_denied', error_description: 'Unauthorized' };
    }
    // ...and any unusable refresh token (unknown, expired, revoked, already rotated) like this.
    if (body?.error === 'invalid_grant' && isRefreshRequest(ctx.req)) {
      ctx.status = 403;
      ctx.body = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };
    }
    // ctx.oidc is set by oidc-provider's router, which has run by now.
    await completeMyAccountExchange(ctx as unknown as KoaContextWithOIDC, tenant);
  });
  return provider;
}
