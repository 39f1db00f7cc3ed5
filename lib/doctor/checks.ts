import type { Management } from 'auth0';
import {
  DOCTOR_FIX_SCOPES,
  DOCTOR_READ_SCOPES,
  KEYWARD_MANAGEMENT_SCOPES,
  KEYWARD_MY_ACCOUNT_SCOPES,
} from '@/lib/management/scopes';
import {
  type CheckResult,
  type Expectations,
  type Feature,
  failed,
  type Read,
  type ReadFailure,
  type TenantSnapshot,
} from './types';

// The doctor's checks: pure functions from what the tenant holds (TenantSnapshot) and what
// Keyward's configuration implies (Expectations) to one line each, in the README's order.

const APP = 'The application';
const APIS = 'APIs and grants';
const SIGN_IN = 'Sign-in';
const DOMAINS = 'Domains';
const PLAN = 'Plan-gated features';

const APP_SETTINGS = 'Dashboard → Applications → Applications → Keyward → Settings';

type Line = Omit<CheckResult, 'id' | 'section' | 'title'>;
type Check = { id: string; section: string; title: string; run: () => Line };

const ok = (detail: string): Line => ({ status: 'OK', detail });

function unreadable(what: string, read: ReadFailure, scope: string): Line {
  const denied = read.status === 403 || read.status === 401;
  return {
    status: 'MISSING',
    detail: `Could not read ${what} (${read.status ?? 'no answer'}: ${read.message}).`,
    fix: denied
      ? `Grant the doctor's application ${scope} (Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications), or run the doctor with an application that has it.`
      : 'Check AUTH0_MANAGEMENT_DOMAIN and the network, then run the doctor again.',
  };
}

/** Runs `check` on a successful read, or reports the failed read. */
function withRead<T>(read: Read<T>, what: string, scope: string, check: (value: T) => Line) {
  return failed(read) ? unreadable(what, read, scope) : check(read);
}

const has = (list: readonly string[] | null | undefined, item: string) =>
  (list ?? []).includes(item);

/** One of the application's URL lists must hold `url`; --fix appends it. */
function urlCheck(
  e: Expectations,
  snapshot: TenantSnapshot,
  field: 'callbacks' | 'allowed_logout_urls' | 'web_origins' | 'allowed_origins',
  label: string,
  url: string,
): Line {
  return withRead(snapshot.app, 'the application', 'read:clients', (app) => {
    if (has(app[field], url)) return ok(`${label} has ${url}.`);
    return {
      status: 'MISSING',
      detail: `${label} lacks ${url}.`,
      fix: `${APP_SETTINGS} → ${label}: add ${url}. Or PATCH /api/v2/clients/${e.appClientId} {"${field}": [..., "${url}"]}.`,
      action: {
        kind: 'patch-client',
        clientId: e.appClientId,
        body: { [field]: [...(app[field] ?? []), url] },
      },
    };
  });
}

const findGrant = (
  grants: Management.ClientGrantResponseContent[],
  clientId: string,
  audience: string,
) => grants.find((g) => g.client_id === clientId && g.audience === audience);

const scopeList = (scopes: readonly string[]) => scopes.join(', ');

function appChecks(e: Expectations, s: TenantSnapshot): Check[] {
  const app = (id: string, title: string, run: () => Line): Check => ({
    id: `app.${id}`,
    section: APP,
    title,
    run,
  });
  const origin = new URL(e.appBaseUrl).origin;
  return [
    app('callbacks', 'Allowed Callback URLs', () =>
      urlCheck(e, s, 'callbacks', 'Allowed Callback URLs', e.callbackUrl),
    ),
    app('logout_urls', 'Allowed Logout URLs', () =>
      urlCheck(e, s, 'allowed_logout_urls', 'Allowed Logout URLs', e.appBaseUrl),
    ),
    app('web_origins', 'Allowed Web Origins', () =>
      urlCheck(e, s, 'web_origins', 'Allowed Web Origins', origin),
    ),
    app('allowed_origins', 'Allowed Origins (CORS)', () =>
      urlCheck(e, s, 'allowed_origins', 'Allowed Origins (CORS)', origin),
    ),
    app('grant_types', 'Grant types', () =>
      withRead(s.app, 'the application', 'read:clients', (client) => {
        const needed = ['authorization_code', 'refresh_token'];
        const missing = needed.filter((g) => !has(client.grant_types, g));
        if (!missing.length) return ok('Authorization Code and Refresh Token are on.');
        return {
          status: 'MISSING',
          detail: `Grant types lack ${scopeList(missing)}.`,
          fix: `${APP_SETTINGS} → Advanced Settings → Grant Types: tick Authorization Code and Refresh Token. Or PATCH /api/v2/clients/${e.appClientId} {"grant_types": [...]}.`,
          action: {
            kind: 'patch-client',
            clientId: e.appClientId,
            body: { grant_types: [...new Set([...(client.grant_types ?? []), ...needed])] },
          },
        };
      }),
    ),
    app('rotation', 'Refresh token rotation', () =>
      withRead(s.app, 'the application', 'read:clients', (client) => {
        const rt = client.refresh_token;
        if (rt?.rotation_type === 'rotating') return ok('Refresh tokens rotate.');
        return {
          status: 'WRONG',
          detail: `Refresh token rotation is ${rt?.rotation_type ?? 'not configured'}.`,
          fix: `${APP_SETTINGS} → Refresh Token Rotation: Allow Refresh Token Rotation. Or PATCH /api/v2/clients/${e.appClientId} {"refresh_token": {"rotation_type": "rotating", "expiration_type": "expiring", ...}}.`,
          action: {
            kind: 'patch-client',
            clientId: e.appClientId,
            body: {
              refresh_token: {
                ...rt,
                expiration_type: rt?.expiration_type ?? 'expiring',
                rotation_type: 'rotating',
              },
            },
          },
        };
      }),
    ),
    app('mrrt_policy', 'Multi-Resource Refresh Token policy (My Account API)', () =>
      withRead(s.app, 'the application', 'read:clients', (client) => {
        const policies = client.refresh_token?.policies ?? [];
        const policy = policies.find((p) => p.audience === e.myAccountAudience);
        const missing = KEYWARD_MY_ACCOUNT_SCOPES.filter((scope) => !has(policy?.scope, scope));
        if (policy && !missing.length && client.is_first_party !== false) {
          return ok(`A policy for ${e.myAccountAudience} allows ${scopeList(policy.scope)}.`);
        }
        if (client.is_first_party === false) {
          return {
            status: 'WRONG',
            detail:
              'The application is third-party; Auth0 applies MRRT policies to first-party applications only.',
            fix: 'Use a first-party application for Keyward (is_first_party: true).',
          };
        }
        const next = policies
          .filter((p) => p.audience !== e.myAccountAudience)
          .concat({
            audience: e.myAccountAudience,
            scope: [...new Set([...(policy?.scope ?? []), ...KEYWARD_MY_ACCOUNT_SCOPES])],
          });
        const rt = client.refresh_token;
        return {
          status: policy ? 'WRONG' : 'MISSING',
          detail: policy
            ? `The policy for ${e.myAccountAudience} lacks ${scopeList(missing)}: adding a passkey sends people back to sign in.`
            : `No policy for ${e.myAccountAudience}: adding a passkey sends people back to sign in, again and again.`,
          fix: `Only through the Management API: PATCH /api/v2/clients/${e.appClientId} {"refresh_token": {..., "policies": [{"audience": "${e.myAccountAudience}", "scope": ["${KEYWARD_MY_ACCOUNT_SCOPES.join('", "')}"]}]}}.`,
          action: {
            kind: 'patch-client',
            clientId: e.appClientId,
            body: {
              refresh_token: {
                ...rt,
                rotation_type: rt?.rotation_type ?? 'rotating',
                expiration_type: rt?.expiration_type ?? 'expiring',
                policies: next,
              },
            },
          },
        };
      }),
    ),
    app('backchannel_logout', 'Back-channel logout URI', () =>
      withRead(s.app, 'the application', 'read:clients', (client) => {
        const urls = client.oidc_logout?.backchannel_logout_urls ?? [];
        if (has(urls, e.backchannelLogoutUrl)) {
          // "Change password" ends the user's sessions at Auth0; Keyward's end (and the change is
          // mailed) only when the application takes the `password-changed` initiator.
          const initiators = client.oidc_logout?.backchannel_logout_initiators;
          const selected = initiators?.selected_initiators ?? [];
          if (initiators?.mode === 'all' || has(selected, 'password-changed'))
            return ok(`Back-channel logout goes to ${e.backchannelLogoutUrl}.`);
          return {
            status: 'WARN',
            detail:
              'Back-channel logout does not include the password-changed initiator: after a password change, Keyward’s other sessions last until their next refresh and no mail is sent.',
            fix: `${APP_SETTINGS} → OpenID Connect Back-Channel Logout → Logout initiators: add “Password changed”. Or PATCH /api/v2/clients/${e.appClientId} {"oidc_logout": {"backchannel_logout_urls": [...], "backchannel_logout_initiators": {"mode": "custom", "selected_initiators": [..., "password-changed"]}}}.`,
            action: {
              kind: 'patch-client',
              clientId: e.appClientId,
              body: {
                oidc_logout: {
                  backchannel_logout_urls: urls,
                  backchannel_logout_initiators: initiators
                    ? { mode: 'custom', selected_initiators: [...selected, 'password-changed'] }
                    : { mode: 'all' },
                },
              },
            },
          };
        }
        const url = new URL(e.backchannelLogoutUrl);
        if (
          !e.local &&
          (url.protocol !== 'https:' || /^(localhost|127\.|\[::1\])/.test(url.host))
        ) {
          return {
            status: 'WARN',
            detail: `Auth0 takes only a public HTTPS back-channel logout URI; ${e.backchannelLogoutUrl} is not one, so sessions ended at Auth0 reach Keyward at the next refresh only.`,
            fix: 'Serve Keyward on a public HTTPS APP_BASE_URL, then run npm run doctor -- --fix.',
          };
        }
        return {
          status: 'MISSING',
          detail: urls.length
            ? `Back-channel logout goes to ${urls.join(', ')}, not ${e.backchannelLogoutUrl}.`
            : 'No back-channel logout URI.',
          fix: `${APP_SETTINGS} → OpenID Connect Back-Channel Logout → Back-Channel Logout URI: ${e.backchannelLogoutUrl}. Or PATCH /api/v2/clients/${e.appClientId} {"oidc_logout": {"backchannel_logout_urls": ["${e.backchannelLogoutUrl}"]}}.`,
          action: {
            kind: 'patch-client',
            clientId: e.appClientId,
            body: {
              oidc_logout: {
                backchannel_logout_urls: [e.backchannelLogoutUrl],
                backchannel_logout_initiators: { mode: 'all' },
              },
            },
          },
        };
      }),
    ),
    app('oidc_conformant', 'OIDC Conformant', () =>
      withRead(s.app, 'the application', 'read:clients', (client) => {
        if (client.oidc_conformant === true) return ok('The application is OIDC conformant.');
        return {
          status: 'WRONG',
          detail: 'The application is not OIDC conformant.',
          fix: `${APP_SETTINGS} → Advanced Settings → OAuth → OIDC Conformant: on. Or PATCH /api/v2/clients/${e.appClientId} {"oidc_conformant": true}.`,
          action: {
            kind: 'patch-client',
            clientId: e.appClientId,
            body: { oidc_conformant: true },
          },
        };
      }),
    ),
  ];
}

function apiChecks(e: Expectations, s: TenantSnapshot): Check[] {
  const api = (id: string, title: string, run: () => Line): Check => ({
    id: `apis.${id}`,
    section: APIS,
    title,
    run,
  });
  return [
    api('my_account_api', 'My Account API activated', () =>
      withRead(s.resourceServers, 'the APIs', 'read:resource_servers', (servers) =>
        servers.some((r) => r.identifier === e.myAccountAudience)
          ? ok(`${e.myAccountAudience} is active.`)
          : {
              status: 'MISSING',
              detail: `The My Account API (${e.myAccountAudience}) is not activated: passkeys cannot be added.`,
              fix: 'Dashboard → Applications → APIs → "My Account API" banner → Activate.',
            },
      ),
    ),
    api('my_account_grant', 'My Account API client grant', () =>
      withRead(s.grants, 'the client grants', 'read:client_grants', (grants) => {
        const grant = findGrant(grants, e.appClientId, e.myAccountAudience);
        const missing = KEYWARD_MY_ACCOUNT_SCOPES.filter((scope) => !has(grant?.scope, scope));
        if (grant && !missing.length)
          return ok(
            `Keyward may ask for ${scopeList(missing.length ? missing : KEYWARD_MY_ACCOUNT_SCOPES)}.`,
          );
        const fix = `Dashboard → Applications → APIs → My Account API → Application Access → Keyward: authorize ${scopeList(KEYWARD_MY_ACCOUNT_SCOPES)} (user access).`;
        if (!grant) {
          return {
            status: 'MISSING',
            detail: 'Keyward has no client grant on the My Account API.',
            fix: `${fix} Or POST /api/v2/client-grants {"client_id": "${e.appClientId}", "audience": "${e.myAccountAudience}", "scope": [...], "subject_type": "user"}.`,
            action: {
              kind: 'create-grant',
              body: {
                client_id: e.appClientId,
                audience: e.myAccountAudience,
                scope: [...KEYWARD_MY_ACCOUNT_SCOPES],
                subject_type: 'user',
              },
            },
          };
        }
        return {
          status: 'MISSING',
          detail: `Keyward's My Account grant lacks ${scopeList(missing)}.`,
          fix: `${fix} Or PATCH /api/v2/client-grants/${grant.id} {"scope": [...]}.`,
          action: {
            kind: 'patch-grant',
            grantId: grant.id ?? '',
            body: { scope: [...(grant.scope ?? []), ...missing] },
          },
        };
      }),
    ),
    api('management_grant', 'Management API client grant', () =>
      withRead(s.grants, 'the client grants', 'read:client_grants', (grants) => {
        const grant = findGrant(grants, e.m2mClientId, e.managementAudience);
        const scopes = grant?.scope ?? [];
        const missing = KEYWARD_MANAGEMENT_SCOPES.filter((scope) => !scopes.includes(scope));
        const fix = `Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications → your Keyward M2M application: tick ${scopeList(missing.length ? missing : KEYWARD_MANAGEMENT_SCOPES)}.`;
        if (!grant) {
          return {
            status: 'MISSING',
            detail: `The M2M application (${e.m2mClientId}) is not authorized for ${e.managementAudience}.`,
            fix,
          };
        }
        if (missing.length) {
          return {
            status: 'MISSING',
            detail: `The M2M grant lacks ${scopeList(missing)}.`,
            fix: `${fix} Or PATCH /api/v2/client-grants/${grant.id} {"scope": [...]}.`,
            action: {
              kind: 'patch-grant',
              grantId: grant.id ?? '',
              body: { scope: [...scopes, ...missing] },
            },
          };
        }
        const known = new Set<string>([
          ...KEYWARD_MANAGEMENT_SCOPES,
          ...DOCTOR_READ_SCOPES,
          ...DOCTOR_FIX_SCOPES,
        ]);
        const extras = scopes.filter((scope) => !known.has(scope));
        if (extras.length) {
          return {
            status: 'WARN',
            detail: `The M2M grant has scopes Keyward never uses: ${scopeList(extras)}.`,
            fix: `${fix.replace(/: tick .*$/, '')}: untick ${scopeList(extras)}.`,
          };
        }
        const doctorOnly = scopes.filter((scope) => !has(KEYWARD_MANAGEMENT_SCOPES, scope));
        return ok(
          `Every scope Keyward uses (${KEYWARD_MANAGEMENT_SCOPES.length})${doctorOnly.length ? `, plus ${doctorOnly.length} the doctor reads or fixes with` : ''}.`,
        );
      }),
    ),
  ];
}

const databaseConnections = (s: TenantSnapshot) =>
  failed(s.connections) ? s.connections : s.connections.filter((c) => c.strategy === 'auth0');

function signInChecks(e: Expectations, s: TenantSnapshot): Check[] {
  const check = (id: string, title: string, run: () => Line): Check => ({
    id: `signin.${id}`,
    section: SIGN_IN,
    title,
    run,
  });
  const promptsFix = 'Dashboard → Authentication → Authentication Profile';
  return [
    check('universal_login', 'Universal Login', () =>
      withRead(s.prompts, 'the prompts', 'read:prompts', (prompts) =>
        prompts.universal_login_experience === 'new'
          ? ok('The Universal Login experience is on.')
          : {
              status: 'WRONG',
              detail: `The login experience is ${prompts.universal_login_experience ?? 'unknown'}; passkeys need Universal Login.`,
              fix: 'Dashboard → Branding → Universal Login → Universal Login experience.',
            },
      ),
    ),
    check('identifier_first', 'Identifier First', () =>
      withRead(s.prompts, 'the prompts', 'read:prompts', (prompts) =>
        prompts.identifier_first === true
          ? ok('Identifier First is on.')
          : {
              status: 'WRONG',
              detail: 'Identifier First is off; passkeys need it.',
              fix: `${promptsFix} → Identifier First.`,
            },
      ),
    ),
    check('custom_login_page', 'No custom login page', () =>
      withRead(s.app, 'the application', 'read:clients', (client) =>
        client.custom_login_page_on === true
          ? {
              status: 'WRONG',
              detail:
                'The application uses a custom login page; passkeys work with Universal Login only.',
              fix: `Dashboard → Branding → Universal Login → Advanced Options → Login: Customize Login Page off. Or PATCH /api/v2/clients/${e.appClientId} {"custom_login_page_on": false}.`,
              action: {
                kind: 'patch-client',
                clientId: e.appClientId,
                body: { custom_login_page_on: false },
              },
            }
          : ok('The application uses the Universal Login page.'),
      ),
    ),
    check('passkey_policy', 'Passkeys on the database connection', () => {
      const connections = databaseConnections(s);
      if (failed(connections))
        return unreadable('the connections', connections, 'read:connections');
      if (!connections.length) {
        return {
          status: 'MISSING',
          detail: 'No database connection: passkeys live on one.',
          fix: 'Dashboard → Authentication → Database → Create DB Connection.',
        };
      }
      const off = connections.filter(
        (c) => c.options?.authentication_methods?.passkey?.enabled !== true,
      );
      const usernames = connections.filter((c) => c.options?.requires_username === true);
      const noPassword = connections.filter(
        (c) => c.options?.authentication_methods?.password?.enabled === false,
      );
      if (!off.length && !usernames.length && !noPassword.length) {
        return ok(`Passkeys are on for ${connections.map((c) => c.name).join(', ')}.`);
      }
      const first = off[0];
      return {
        status: off.length ? 'MISSING' : 'WRONG',
        detail: off.length
          ? `Passkeys are off on ${off.map((c) => c.name).join(', ')}.`
          : usernames.length
            ? `${usernames.map((c) => c.name).join(', ')} requires a username; passkeys need an email-only connection (or Flexible Identifiers).`
            : `Passwords are off on ${noPassword.map((c) => c.name).join(', ')}; leave them on.`,
        fix: 'Dashboard → Authentication → Database → your connection → Authentication Methods → Passkey: Enable (and leave Password on, Requires Username off).',
        ...(first?.id
          ? {
              action: {
                kind: 'patch-connection' as const,
                connectionId: first.id,
                // PATCH replaces the whole options object: send it back whole.
                body: {
                  options: {
                    ...first.options,
                    authentication_methods: {
                      ...first.options?.authentication_methods,
                      passkey: { enabled: true },
                    },
                  },
                },
              },
            }
          : {}),
      };
    }),
  ];
}

const hostOnly = (host: string) => host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
const underOrAt = (host: string, parent: string) => host === parent || host.endsWith(`.${parent}`);

function domainChecks(e: Expectations, s: TenantSnapshot): Check[] {
  const check = (id: string, title: string, run: () => Line): Check => ({
    id: `domains.${id}`,
    section: DOMAINS,
    title,
    run,
  });
  const ready = () =>
    failed(s.customDomains) ? [] : s.customDomains.filter((d) => d.status === 'ready');
  const securityKeys = () =>
    !failed(s.factors) && s.factors.some((f) => f.name === 'webauthn-roaming' && f.enabled);
  return [
    check('custom_domain', 'Custom domain', () =>
      withRead(s.customDomains, 'the custom domains', 'read:custom_domains', () => {
        const domains = ready();
        const signIn = hostOnly(e.signInHost);
        if (!domains.length) {
          return {
            status: 'MISSING',
            detail:
              "No custom domain is ready: security keys then use the tenant's *.auth0.com host as their RP ID, which Keyward's host can never sit under.",
            fix: "Dashboard → Branding → Custom Domains: add one under your app's domain (e.g. login.example.com), then set AUTH0_DOMAIN to it.",
          };
        }
        if (!domains.some((d) => d.domain === signIn)) {
          return {
            status: 'WRONG',
            detail: `AUTH0_DOMAIN (${signIn}) is none of the custom domains (${domains.map((d) => d.domain).join(', ')}): people sign in on the tenant's own host, where their passkeys do not work.`,
            fix: `Set AUTH0_DOMAIN to ${domains[0]?.domain}.`,
          };
        }
        return ok(`People sign in on the custom domain ${signIn}.`);
      }),
    ),
    check('management_domain', 'AUTH0_MANAGEMENT_DOMAIN', () =>
      withRead(s.customDomains, 'the custom domains', 'read:custom_domains', () => {
        const management = hostOnly(e.managementHost);
        if (!ready().some((d) => d.domain === management)) {
          return ok(`Management tokens are for the canonical domain ${e.managementHost}.`);
        }
        return {
          status: 'WRONG',
          detail: `The Management API's audience must be the canonical domain, and ${management} is a custom domain${e.managementHostSet ? '' : ' (AUTH0_MANAGEMENT_DOMAIN is unset, so it follows AUTH0_DOMAIN)'}.`,
          fix: "Set AUTH0_MANAGEMENT_DOMAIN to the tenant's canonical domain (your-tenant.eu.auth0.com: Dashboard → Settings → Custom Domains shows it).",
        };
      }),
    ),
    check('security_keys_factor', 'Security keys factor (WebAuthn with FIDO Security Keys)', () =>
      withRead(s.factors, 'the MFA factors', 'read:guardian_factors', (factors) =>
        factors.some((f) => f.name === 'webauthn-roaming' && f.enabled)
          ? ok('The "WebAuthn with FIDO Security Keys" factor is on.')
          : {
              status: 'MISSING',
              detail:
                'The security-keys factor is off: Auth0 never asks for the keys Keyward adds.',
              fix: 'Dashboard → Security → Multi-factor Auth → WebAuthn with FIDO Security Keys: on.',
            },
      ),
    ),
    check('mfa_policy', 'MFA policy', () =>
      withRead(s.policies, 'the MFA policy', 'read:mfa_policies', (policies) =>
        policies.length
          ? ok(`MFA is required (${policies.join(', ')}).`)
          : {
              status: 'MISSING',
              detail: 'MFA is never required: Auth0 does not ask for security keys at sign-in.',
              fix: 'Dashboard → Security → Multi-factor Auth → Require Multi-factor Auth: Always (or Adaptive).',
            },
      ),
    ),
    check('webauthn_rp_id', 'WebAuthn RP ID (security keys)', () => {
      if (failed(s.factors))
        return unreadable('the MFA factors', s.factors, 'read:guardian_factors');
      if (!securityKeys())
        return ok('Security keys are not offered, so their RP ID does not matter.');
      const app = new URL(e.appBaseUrl).hostname;
      const domain = ready().find(
        (d) => underOrAt(d.domain, e.rpId) || d.relying_party_identifier === e.rpId,
      );
      if (!underOrAt(app, e.rpId)) {
        return {
          status: 'WRONG',
          detail: `WEBAUTHN_RP_ID (${e.rpId}) is not Keyward's host (${app}) or a parent of it: browsers refuse the ceremony.`,
          fix: 'Set WEBAUTHN_RP_ID to the domain your app and custom domain share (e.g. example.com).',
        };
      }
      if (!domain) {
        return {
          status: 'WRONG',
          detail: `WEBAUTHN_RP_ID (${e.rpId}) is not the RP ID Auth0's MFA uses (a custom domain or its parent): keys Keyward adds would not work at sign-in.`,
          fix: 'Dashboard → Security → Multi-factor Auth → WebAuthn with FIDO Security Keys → Relying Party: your custom domain; set WEBAUTHN_RP_ID to the same.',
        };
      }
      return ok(`Security keys use ${e.rpId}, shared by ${app} and ${domain.domain}.`);
    }),
  ];
}

function featureLine(feature: Feature, name: string, section: string): Line {
  if (feature === 'on') return ok(`The tenant's plan includes ${name}; Keyward shows its section.`);
  if (feature === 'off') {
    return {
      status: 'OFF',
      detail: `The tenant's plan does not include ${name}; Keyward hides its section.`,
      fix: `Auth0's ${section} (Dashboard → Settings → Subscription).`,
    };
  }
  return unreadable(name, feature, name === 'sessions' ? 'read:sessions' : 'read:logs_users');
}

function planChecks(s: TenantSnapshot): Check[] {
  return [
    {
      id: 'plan.sessions',
      section: PLAN,
      title: 'Sessions ("Where you\'re signed in")',
      run: () => featureLine(s.sessions, 'sessions', 'Enterprise plan'),
    },
    {
      id: 'plan.logs',
      section: PLAN,
      title: 'Logs (recent activity)',
      run: () => featureLine(s.logs, 'logs', 'log retention of your plan'),
    },
  ];
}

/** Every check, in the README's order. */
export function runChecks(e: Expectations, snapshot: TenantSnapshot): CheckResult[] {
  return [
    ...appChecks(e, snapshot),
    ...apiChecks(e, snapshot),
    ...signInChecks(e, snapshot),
    ...domainChecks(e, snapshot),
    ...planChecks(snapshot),
  ].map(({ id, section, title, run }) => ({ id, section, title, ...run() }));
}

/** Exit code: 0 only when nothing is MISSING or WRONG. */
export const isHealthy = (results: readonly CheckResult[]) =>
  !results.some((r) => r.status === 'MISSING' || r.status === 'WRONG');
