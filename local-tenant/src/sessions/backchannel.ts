import type { ClientMetadata } from 'oidc-provider';
import { APP_CLIENT_ID } from '../config';
import { appClient } from '../oidc/provider';
import type { Tenant } from '../tenant';
import type { TenantSession } from './sessions';

/** Where Keyward (nextjs-auth0) takes back-channel logout tokens, under each app base URL. */
export const BACKCHANNEL_LOGOUT_PATH = '/auth/backchannel-logout';

// oidc-provider's Client has backchannelLogout(sub, sid) when the backchannelLogout feature is on:
// it builds the logout token (iss, aud, iat, jti, sub, sid, the back-channel logout event), signs
// it with the tenant's current key and POSTs it. Its type definitions list neither that method nor
// the constructor, hence this narrow view.
type LogoutClient = { backchannelLogout(sub: string, sid: string): Promise<void> };
type LogoutClientClass = new (metadata: ClientMetadata) => LogoutClient;

/**
 * Sends a logout token for `session` to each application it covered. An Auth0 application has one
 * back-channel logout URI; the local tenant serves several app base URLs at once (tests run a few
 * app instances), so Keyward's client is registered with the first and the token goes to each.
 */
export async function sendBackchannelLogout(
  tenant: Tenant,
  session: Pick<TenantSession, 'id' | 'userId' | 'clientIds'>,
): Promise<void> {
  if (!session.clientIds.includes(APP_CLIENT_ID)) return;
  // An application without a back-channel logout URL hears nothing, as with Auth0 (a plan or a
  // setup without it: POST /_local/config {"break":"backchannel_logout"}).
  const app = tenant.settings.clients.find((c) => c.client_id === APP_CLIENT_ID);
  if (!app?.oidc_logout?.backchannel_logout_urls?.length) return;
  const provider = tenant.providers.current();
  const Client = provider.Client as unknown as LogoutClientClass;
  await Promise.all(
    tenant.config.appUrls.map(async (url) => {
      const target = `${url}${BACKCHANNEL_LOGOUT_PATH}`;
      try {
        const client = new Client({ ...appClient(tenant), backchannel_logout_uri: target });
        await client.backchannelLogout(session.userId, session.id);
      } catch (error) {
        // An app URL nobody serves right now (tests list spare ports): nothing to tell.
        if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') return;
        // One that refuses the token: Auth0 logs it and moves on too.
        tenant.log(`back-channel logout to ${target} failed: ${(error as Error).message}`);
      }
    }),
  );
}
