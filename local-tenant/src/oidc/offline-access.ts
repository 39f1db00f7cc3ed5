import type { KoaContextWithOIDC } from 'oidc-provider';

function scopeList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

/**
 * Auth0 issues a refresh token whenever the authorization request asks for `offline_access` (and
 * the application allows the refresh_token grant). oidc-provider follows OIDC Core strictly and
 * drops `offline_access` unless the request also says `prompt=consent`, which nextjs-auth0 never
 * sends. oidc-provider runs the `extraParams` validators right after that scope check, on the
 * original authorization request only, and stores the resulting params in the interaction; so
 * this validator puts the requested `offline_access` back, and the code, the refresh token and the
 * token response then carry it exactly as with Auth0.
 */
export function restoreOfflineAccess(ctx: KoaContextWithOIDC): void {
  const { client, params } = ctx.oidc;
  if (!client?.grantTypeAllowed('refresh_token') || !params) return;
  const raw = ctx.method === 'POST' ? ctx.oidc.body?.scope : ctx.query.scope;
  if (!scopeList(raw).includes('offline_access')) return;
  const scopes = scopeList(params.scope);
  if (scopes.includes('offline_access')) return;
  params.scope = [...scopes, 'offline_access'].join(' ');
}
