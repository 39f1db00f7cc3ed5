// Tenant configuration: defaults from docs/architecture.md, overridable by env or by startTenant().

export const APP_CLIENT_ID = 'keyward-local-app';
export const APP_CLIENT_SECRET = 'keyward-local-app-secret';
export const M2M_CLIENT_ID = 'keyward-local-m2m';
export const M2M_CLIENT_SECRET = 'keyward-local-m2m-secret';

export const ROLES_CLAIM = 'https://keyward.example/roles';
export const DATABASE_CONNECTION = 'Username-Password-Authentication';

/**
 * Scopes the M2M client is granted: what Keyward calls (architecture.md), then what
 * `npm run doctor` reads the tenant's configuration with and its --fix writes.
 */
export const M2M_GRANTED_SCOPES = [
  'read:users',
  'read:authentication_methods',
  'create:authentication_methods',
  'update:authentication_methods',
  'delete:authentication_methods',
  'read:signing_keys',
  'create:signing_keys',
  'update:signing_keys',
  'read:sessions',
  'delete:sessions',
  // GET /users/{id}/logs takes either; Keyward's activity section needs only the narrower one.
  'read:logs_users',
  // POST /tickets/password-change (Change password) and /users/{id}/recovery-code-regeneration
  'create:user_tickets',
  'update:users',
  // npm run doctor
  'read:clients',
  'read:client_grants',
  'read:resource_servers',
  'read:connections',
  'read:custom_domains',
  'read:prompts',
  'read:guardian_factors',
  'read:mfa_policies',
  // npm run doctor -- --fix
  'update:clients',
  'create:client_grants',
  'update:client_grants',
  'update:connections',
] as const;

/** Granted too in test mode only: tests create users; Keyward never does (the doctor warns). */
export const M2M_TEST_SCOPES = ['create:users'] as const;

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/**
 * The Keyward app's client grant on the My Account API (Auth0 requires one per application; the
 * Multi-Resource Refresh Token exchange can issue only these scopes).
 */
export const MY_ACCOUNT_GRANTED_SCOPES = [
  'create:me:authentication_methods',
  'read:me:authentication_methods',
  'update:me:authentication_methods',
] as const;

/** Lifetime of My Account access tokens minted by the refresh-token exchange (seconds). */
export const MY_ACCOUNT_TOKEN_TTL = 600;

import { DEFAULT_RESET_TTL_SECONDS } from './login/reset-tickets';

export interface TenantConfig {
  /** 0 picks a free port. */
  port: number;
  /** SQLite file, or ':memory:'. */
  dbPath: string;
  appUrls: string[];
  rpId: string;
  testMode: boolean;
  /** Management API requests per second before 429; null = unlimited. */
  rateLimitPerSecond: number | null;
  /** Management API bucket size (requests allowed at once); null = same as the rate. */
  rateBurst: number | null;
  /** My Account API list reads per user per minute before 429; null = unlimited. */
  myAccountReadsPerMinute: number | null;
  /** Print the banner and request errors. */
  quiet: boolean;
  /** The local inbox's SMTP port on 127.0.0.1; 0 picks a free one; null = no SMTP server. */
  smtpPort: number | null;
  /** How long a password-reset link works (seconds). */
  resetTtlSeconds: number;
}

/** A positive number, or null for unset, empty, `0` or `off` (meaning "no limit"). */
function parseLimit(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '' || raw.trim() === 'off') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** LOCAL_TENANT_SMTP_PORT, `off` for none; unset: 4425, or a free port when the tenant's is free too. */
function smtpPort(raw: string | undefined, tenantPort: number | undefined): number | null {
  if (raw?.trim() === 'off') return null;
  if (raw !== undefined && raw.trim() !== '') return Number(raw);
  return tenantPort === 0 ? 0 : 4425;
}

/** Auth0's Free plan allows 2 My Account reads per user per minute: the default here too. */
export const DEFAULT_MY_ACCOUNT_READS_PER_MINUTE = 2;

export function resolveConfig(
  overrides: Partial<TenantConfig> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): TenantConfig {
  const appUrls = (env.LOCAL_TENANT_APP_URLS ?? 'http://localhost:3000')
    .split(',')
    .map((url) => url.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  return {
    port: Number(env.LOCAL_TENANT_PORT ?? 4400),
    dbPath: env.LOCAL_TENANT_DB ?? '.local-tenant/tenant.sqlite',
    appUrls,
    rpId: env.LOCAL_TENANT_RP_ID ?? 'localhost',
    testMode: env.LOCAL_TENANT_TEST_MODE === '1',
    rateLimitPerSecond: parseLimit(env.LOCAL_TENANT_RATE_LIMIT),
    rateBurst: parseLimit(env.LOCAL_TENANT_RATE_BURST),
    myAccountReadsPerMinute:
      env.LOCAL_TENANT_MY_ACCOUNT_READS_PER_MINUTE === undefined
        ? DEFAULT_MY_ACCOUNT_READS_PER_MINUTE
        : parseLimit(env.LOCAL_TENANT_MY_ACCOUNT_READS_PER_MINUTE),
    quiet: false,
    smtpPort: smtpPort(env.LOCAL_TENANT_SMTP_PORT, overrides.port),
    resetTtlSeconds: parseLimit(env.LOCAL_TENANT_RESET_TTL_SECONDS) ?? DEFAULT_RESET_TTL_SECONDS,
    ...overrides,
  };
}

/** Everything that depends on the port the server actually bound. */
export interface TenantUrls {
  /** Sign-in origin, `http://localhost:{port}`: stands in for an Auth0 custom domain. */
  origin: string;
  /** `http://localhost:{port}/` (trailing slash, as Auth0). */
  issuer: string;
  /** `localhost:{port}`: the domain nextjs-auth0 is configured with. */
  signInHost: string;
  /**
   * `127.0.0.1:{port}`: the tenant's canonical domain (Auth0's `tenant.region.auth0.com`). The
   * Management API is reached through it, never through the sign-in (custom) domain.
   */
  canonicalHost: string;
  /** `http://127.0.0.1:{port}`: where an `https://{canonicalHost}` URL really goes. */
  canonicalOrigin: string;
  /** `https://127.0.0.1:{port}/api/v2/`, the only audience client credentials can ask for. */
  managementAudience: string;
  /** `http://localhost:{port}/me/` = `${issuer}me/`, the My Account API's audience. */
  myAccountAudience: string;
}

export function tenantUrls(port: number): TenantUrls {
  const signInHost = `localhost:${port}`;
  const canonicalHost = `127.0.0.1:${port}`;
  const origin = `http://${signInHost}`;
  const issuer = `${origin}/`;
  return {
    origin,
    issuer,
    signInHost,
    canonicalHost,
    canonicalOrigin: `http://${canonicalHost}`,
    // Auth0's audience is https://{domain}/api/v2/ even though we serve plain http.
    managementAudience: `https://${canonicalHost}/api/v2/`,
    // nextjs-auth0 asks for `${issuer}me/`: the sign-in domain, scheme included.
    myAccountAudience: `${issuer}me/`,
  };
}
