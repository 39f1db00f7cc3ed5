import { ManagementClient, ManagementError } from 'auth0';
import type { Env } from '@/lib/env';
import { BACKCHANNEL_LOGOUT_ROUTE } from '@/lib/http/sdk-routes';
import { managementConnection } from '@/lib/management/connection';
import {
  type Connection,
  type Expectations,
  type Feature,
  type FixAction,
  failed,
  type Read,
  type TenantSnapshot,
} from './types';

// How the doctor reads the tenant: Auth0's `auth0` SDK with Keyward's M2M credentials, on the
// Management domain Keyward itself uses (the local tenant's plain-http origin in local mode).

export function expectationsFrom(
  env: Env,
  rawEnv: Record<string, string | undefined>,
): Expectations {
  const domain = env.auth0.domain;
  const signInHost = new URL(domain.includes('://') ? domain : `https://${domain}`).host;
  return {
    local: env.local,
    appBaseUrl: env.appBaseUrl,
    appClientId: env.auth0.clientId,
    m2mClientId: env.management.clientId,
    signInHost,
    managementHost: env.management.domain,
    managementHostSet: Boolean(rawEnv.AUTH0_MANAGEMENT_DOMAIN),
    managementAudience: `https://${env.management.domain}/api/v2/`,
    myAccountAudience: `${env.auth0.issuer}me/`,
    rpId: env.webauthn.rpId,
    callbackUrl: `${env.appBaseUrl}/auth/callback`,
    backchannelLogoutUrl: `${env.appBaseUrl}${BACKCHANNEL_LOGOUT_ROUTE}`,
  };
}

export function doctorClient(env: Env): ManagementClient {
  return new ManagementClient({
    ...managementConnection(env.management),
    timeoutInSeconds: 15,
    maxRetries: 2,
  });
}

async function attempt<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ManagementError) {
      const body = error.body as { message?: unknown } | undefined;
      const message =
        typeof body?.message === 'string' ? body.message : error.message.split('\n')[0];
      return { failed: true, status: error.statusCode ?? null, message: message ?? 'error' };
    }
    return {
      failed: true,
      status: null,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

async function all<T>(page: Promise<AsyncIterable<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of await page) items.push(item);
  return items;
}

const PROBE_USER = 'auth0|keyward-doctor-probe';

/**
 * A plan-gated read, tried for a user that does not exist: 404 or an empty answer means the
 * feature is there; a 403 that is not about scopes means the plan lacks it.
 */
async function feature(read: () => Promise<unknown>): Promise<Feature> {
  const result = await attempt(read);
  if (!failed(result)) return 'on';
  if (result.status === 404) return 'on';
  if (result.status === 403 && !/scope/i.test(result.message)) return 'off';
  return result;
}

export async function readTenant(mgmt: ManagementClient, e: Expectations): Promise<TenantSnapshot> {
  // One at a time: Auth0's Free plan allows 2 Management requests per second.
  const app = await attempt(() => mgmt.clients.get(e.appClientId));
  const m2m = await attempt(() => mgmt.clients.get(e.m2mClientId));
  const grants = await attempt(() => all(mgmt.clientGrants.list()));
  const resourceServers = await attempt(() => all(mgmt.resourceServers.list()));
  const connections = await attempt(
    () => all(mgmt.connections.list({ strategy: ['auth0'] })) as Promise<Connection[]>,
  );
  const customDomains = await attempt(() => mgmt.customDomains.list());
  const prompts = await attempt(() => mgmt.prompts.getSettings());
  const factors = await attempt(() => mgmt.guardian.factors.list());
  const policies = await attempt(() => mgmt.guardian.policies.list());
  const sessions = await feature(() => mgmt.users.sessions.list(PROBE_USER, { take: 1 }));
  const logs = await feature(() => mgmt.users.logs.list(PROBE_USER, { per_page: 1 }));
  return {
    app,
    m2m,
    grants,
    resourceServers,
    connections,
    customDomains,
    prompts,
    factors,
    policies,
    sessions,
    logs,
  };
}

/** Makes one --fix write. */
export async function applyAction(mgmt: ManagementClient, action: FixAction): Promise<void> {
  switch (action.kind) {
    case 'patch-client':
      await mgmt.clients.update(action.clientId, action.body);
      return;
    case 'create-grant':
      await mgmt.clientGrants.create(action.body);
      return;
    case 'patch-grant':
      await mgmt.clientGrants.update(action.grantId, action.body);
      return;
    case 'patch-connection':
      await mgmt.connections.update(action.connectionId, action.body);
      return;
  }
}
