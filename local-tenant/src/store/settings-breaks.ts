import type { TenantUrls } from '../config';
import { APP_CLIENT_ID, M2M_CLIENT_ID } from '../config';
import { findClient, findGrant, type TenantSettings } from './tenant-settings';

// Test controls (POST /_local/config `{ "break": name }`): each undoes one setting `npm run doctor`
// checks, the way a team might have left its tenant. DELETE /_local/config (or /_local/reset)
// restores the seeded configuration.

type Break = (settings: TenantSettings, urls: TenantUrls) => void;

const app = (s: TenantSettings) => {
  const client = findClient(s, APP_CLIENT_ID);
  if (!client) throw new Error('the application is missing');
  return client;
};

export const SETTING_BREAKS = {
  callbacks: (s) => {
    app(s).callbacks = [];
  },
  logout_urls: (s) => {
    app(s).allowed_logout_urls = [];
  },
  web_origins: (s) => {
    app(s).web_origins = [];
  },
  allowed_origins: (s) => {
    app(s).allowed_origins = [];
  },
  refresh_token_grant: (s) => {
    app(s).grant_types = ['authorization_code'];
  },
  rotation: (s) => {
    const client = app(s);
    if (client.refresh_token) client.refresh_token.rotation_type = 'non-rotating';
  },
  mrrt_policy: (s) => {
    const client = app(s);
    // No policy at all: Auth0's schema allows no empty list (`minItems: 1`).
    if (client.refresh_token) delete client.refresh_token.policies;
  },
  backchannel_logout: (s) => {
    app(s).oidc_logout = { backchannel_logout_urls: [] };
  },
  // The application hears of ended sessions, but not of those a password change ends.
  password_changed_logout: (s) => {
    const client = app(s);
    client.oidc_logout = {
      backchannel_logout_urls: client.oidc_logout?.backchannel_logout_urls ?? [],
      backchannel_logout_initiators: { mode: 'custom', selected_initiators: ['rp-logout'] },
    };
  },
  oidc_conformant: (s) => {
    app(s).oidc_conformant = false;
  },
  my_account_api: (s, urls) => {
    s.resourceServers = s.resourceServers.filter((r) => r.identifier !== urls.myAccountAudience);
  },
  my_account_grant: (s, urls) => {
    s.clientGrants = s.clientGrants.filter(
      (g) => !(g.client_id === APP_CLIENT_ID && g.audience === urls.myAccountAudience),
    );
  },
  m2m_scope: (s, urls) => {
    const grant = findGrant(s, M2M_CLIENT_ID, urls.managementAudience);
    if (grant) grant.scope = (grant.scope ?? []).filter((scope) => scope !== 'read:sessions');
  },
  m2m_extra_scope: (s, urls) => {
    const grant = findGrant(s, M2M_CLIENT_ID, urls.managementAudience);
    if (grant) grant.scope = [...(grant.scope ?? []), 'delete:users'];
  },
  universal_login: (s) => {
    s.prompts.universal_login_experience = 'classic';
  },
  identifier_first: (s) => {
    s.prompts.identifier_first = false;
  },
  custom_login_page: (s) => {
    app(s).custom_login_page_on = true;
  },
  passkey_policy: (s) => {
    for (const connection of s.connections) {
      connection.options.authentication_methods = {
        ...connection.options.authentication_methods,
        passkey: { enabled: false },
      };
    }
  },
  custom_domain: (s) => {
    s.customDomains = [];
  },
  // AUTH0_MANAGEMENT_DOMAIN naming a custom domain: the Management host is listed as one.
  management_domain: (s, urls) => {
    s.customDomains = [
      ...s.customDomains,
      {
        custom_domain_id: 'cd_management',
        domain: new URL(urls.canonicalOrigin).hostname,
        primary: false,
        is_default: false,
        status: 'ready',
        type: 'self_managed_certs',
      },
    ];
  },
  security_keys_factor: (s) => {
    for (const factor of s.guardianFactors) {
      if (factor.name === 'webauthn-roaming') factor.enabled = false;
    }
  },
  mfa_policy: (s) => {
    s.guardianPolicies = [];
  },
  plan_sessions: (s) => {
    s.plan.sessions = false;
  },
  plan_logs: (s) => {
    s.plan.logs = false;
  },
} satisfies Record<string, Break>;

export type SettingBreak = keyof typeof SETTING_BREAKS;
export const SETTING_BREAK_NAMES = Object.keys(SETTING_BREAKS) as SettingBreak[];
