import type { Grant, KoaContextWithOIDC } from 'oidc-provider';

/**
 * Keyward is a first-party application, for which Auth0 never asks for consent. Grant whatever
 * OIDC scopes the request asks for so oidc-provider's consent prompt never triggers.
 */
export async function loadExistingGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { client, session, params } = ctx.oidc;
  const accountId = session?.accountId;
  if (!client || !session || !accountId) return undefined;
  const { Grant } = ctx.oidc.provider;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  let grant = grantId ? await Grant.find(grantId) : undefined;
  if (!grant || grant.accountId !== accountId) {
    grant = new Grant({ clientId: client.clientId, accountId });
  }
  grant.addOIDCScope(String(params?.scope ?? 'openid'));
  await grant.save();
  return grant;
}
