import type { Management } from 'auth0';
import {
  APP_CLIENT_ID,
  DATABASE_CONNECTION,
  M2M_CLIENT_ID,
  M2M_GRANTED_SCOPES,
  M2M_TEST_SCOPES,
  MY_ACCOUNT_GRANTED_SCOPES,
  type TenantConfig,
  type TenantUrls,
} from '../config';
import { BACKCHANNEL_LOGOUT_PATH } from '../sessions/backchannel';

// The tenant's configuration as its Management API shows it (Auth0's shapes, from the `auth0`
// SDK's types, which are generated from the OAS): the applications, their grants, the APIs, the
// database connection, the custom domain, the login prompts and MFA. In memory: a restart or
// POST /_local/reset restores it. Where a setting has a runtime effect here (the MRRT policy, the
// My Account and Management client grants, plan-gated reads) the tenant reads it from this store.

export type Client = Management.Client;
export type ClientGrant = Management.ClientGrantResponseContent;
export type ResourceServer = Management.ResourceServer;
export type Connection = Management.ConnectionForList & {
  options: Management.ConnectionPropertiesOptions;
};
export type CustomDomain = Management.CustomDomain;
export type Prompts = Management.GetSettingsResponseContent;
export type GuardianFactor = Management.GuardianFactor;

export interface TenantSettings {
  clients: Client[];
  clientGrants: ClientGrant[];
  resourceServers: ResourceServer[];
  connections: Connection[];
  customDomains: CustomDomain[];
  prompts: Prompts;
  guardianFactors: GuardianFactor[];
  guardianPolicies: Management.MfaPolicyEnum[];
  /** Features of Auth0's plans this tenant "has" (the Enterprise plan's sessions, the logs). */
  plan: { sessions: boolean; logs: boolean };
}

const FACTOR_NAMES = [
  'sms',
  'push-notification',
  'email',
  'duo',
  'otp',
  'webauthn-roaming',
  'webauthn-platform',
  'recovery-code',
] as const satisfies readonly Management.GuardianFactorNameEnum[];
/** The factors the local sign-in asks for as a second step (login/routes.ts). */
const LOCAL_FACTORS: ReadonlySet<string> = new Set(['otp', 'webauthn-roaming']);

export function defaultSettings(config: TenantConfig, urls: TenantUrls): TenantSettings {
  const appUrls = config.appUrls;
  const origins = appUrls.map((url) => new URL(url).origin);
  const m2mScopes = [...M2M_GRANTED_SCOPES, ...(config.testMode ? M2M_TEST_SCOPES : [])];
  return {
    clients: [
      {
        client_id: APP_CLIENT_ID,
        tenant: 'local',
        name: 'Keyward',
        app_type: 'regular_web',
        is_first_party: true,
        oidc_conformant: true,
        callbacks: appUrls.map((url) => `${url}/auth/callback`),
        allowed_logout_urls: [...appUrls],
        web_origins: [...origins],
        allowed_origins: [...origins],
        grant_types: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'client_secret_post',
        custom_login_page_on: false,
        ...(appUrls[0]
          ? {
              oidc_logout: {
                backchannel_logout_urls: [`${appUrls[0]}${BACKCHANNEL_LOGOUT_PATH}`],
                backchannel_logout_initiators: { mode: 'all' },
              },
            }
          : {}),
        refresh_token: {
          rotation_type: 'rotating',
          expiration_type: 'expiring',
          leeway: 0,
          token_lifetime: 30 * 86_400,
          infinite_token_lifetime: false,
          idle_token_lifetime: 30 * 86_400,
          infinite_idle_token_lifetime: false,
          // The Multi-Resource Refresh Token policy: what a refresh may mint for the My Account API.
          policies: [{ audience: urls.myAccountAudience, scope: [...MY_ACCOUNT_GRANTED_SCOPES] }],
        },
      },
      {
        client_id: M2M_CLIENT_ID,
        tenant: 'local',
        name: 'Keyward Management',
        app_type: 'non_interactive',
        is_first_party: true,
        oidc_conformant: true,
        callbacks: [],
        grant_types: ['client_credentials'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    clientGrants: [
      {
        id: 'cgr_local_management',
        client_id: M2M_CLIENT_ID,
        audience: urls.managementAudience,
        scope: m2mScopes,
        subject_type: 'client',
        is_system: false,
      },
      {
        id: 'cgr_local_my_account',
        client_id: APP_CLIENT_ID,
        audience: urls.myAccountAudience,
        scope: [...MY_ACCOUNT_GRANTED_SCOPES],
        subject_type: 'user',
        is_system: false,
      },
    ],
    resourceServers: [
      {
        id: 'rs_local_management',
        name: 'Auth0 Management API',
        is_system: true,
        identifier: urls.managementAudience,
        signing_alg: 'RS256',
        token_lifetime: 86_400,
        allow_offline_access: false,
        skip_consent_for_verifiable_first_party_clients: false,
      },
      {
        id: 'rs_local_my_account',
        name: 'Auth0 My Account API',
        is_system: true,
        identifier: urls.myAccountAudience,
        scopes: [
          'create:me:authentication_methods',
          'read:me:authentication_methods',
          'update:me:authentication_methods',
          'delete:me:authentication_methods',
        ].map((value) => ({ value, description: value })),
        signing_alg: 'RS256',
        token_lifetime: 600,
        allow_offline_access: false,
        skip_consent_for_verifiable_first_party_clients: true,
      },
    ],
    connections: [
      {
        id: 'con_local_database',
        name: DATABASE_CONNECTION,
        strategy: 'auth0',
        realms: [DATABASE_CONNECTION],
        is_domain_connection: false,
        // No `enabled_clients`: Auth0 deprecated it, and the list's items (OAS `ConnectionForList`)
        // have none.
        options: {
          requires_username: false,
          authentication_methods: {
            password: { enabled: true },
            passkey: { enabled: true },
          },
          passkey_options: {
            challenge_ui: 'both',
            progressive_enrollment_enabled: true,
            local_enrollment_enabled: true,
          },
        },
      } as Connection,
    ],
    customDomains: [
      {
        // The sign-in host (localhost) stands in for a custom domain; 127.0.0.1 is canonical.
        custom_domain_id: 'cd_local',
        domain: new URL(urls.origin).hostname,
        primary: true,
        is_default: true,
        status: 'ready',
        type: 'self_managed_certs',
        // Its proxy (here: whoever calls it) sends the client's address in X-Forwarded-For.
        custom_client_ip_header: 'x-forwarded-for',
        relying_party_identifier: config.rpId,
      },
    ],
    prompts: {
      universal_login_experience: 'new',
      identifier_first: true,
      webauthn_platform_first_factor: false,
    },
    guardianFactors: FACTOR_NAMES.map((name) => ({
      name,
      enabled: LOCAL_FACTORS.has(name),
      trial_expired: false,
    })),
    guardianPolicies: ['all-applications'],
    plan: { sessions: true, logs: true },
  };
}

export const findClient = (settings: TenantSettings, id: string) =>
  settings.clients.find((c) => c.client_id === id);

export const findGrant = (settings: TenantSettings, clientId: string, audience: string) =>
  settings.clientGrants.find((g) => g.client_id === clientId && g.audience === audience);

/** The scopes of `clientId`'s grant on `audience`; empty without one. */
export function grantedScopes(
  settings: TenantSettings,
  clientId: string,
  audience: string,
): string[] {
  return findGrant(settings, clientId, audience)?.scope ?? [];
}

/** The application's MRRT policy for `audience`, if any. */
export function refreshPolicy(settings: TenantSettings, clientId: string, audience: string) {
  return findClient(settings, clientId)?.refresh_token?.policies?.find(
    (p) => p.audience === audience,
  );
}
