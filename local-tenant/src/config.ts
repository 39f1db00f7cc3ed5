// Tenant configuration: defaults from docs/architecture.md, overridable by env or by startTenant().

export const APP_CLIENT_ID = 'keyward-local-app';
export const APP_CLIENT_SECRET = 'keyward-local-app-secret';
export const M2M_CLIENT_ID = 'keyward-local-m2m';
export const M2M_CLIENT_SECRET = 'keyward-local-m2m-secret';

export const ROLES_CLAIM = 'https://keyward.example/roles';
export const DATABASE_CONNECTION = 'Username-Password-Authentication';

/** Scopes the M2M client is granted (architecture.md, plus create:users for seeding from tests). */
export const M2M_GRANTED_SCOPES = [
  'read:users',
  'create:users',
  'read:authentication_methods',
  'create:authentication_methods',
  'update:authentication_methods',
  'delete:authentication_methods',
  'read:signing_keys',
  'create:signing_keys',
  'update:signing_keys',
] as const;

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

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
  /** Print the banner and request errors. */
  quiet: boolean;
}

function parseRateLimit(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function resolveConfig(
  overrides: Partial<TenantConfig> = {},
  env: NodeJS.ProcessEnv = process.env,
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
    rateLimitPerSecond: parseRateLimit(env.LOCAL_TENANT_RATE_LIMIT),
    quiet: false,
    ...overrides,
  };
}

/** Everything that depends on the port the server actually bound. */
export interface TenantUrls {
  origin: string;
  issuer: string;
  managementAudience: string;
}

export function tenantUrls(port: number): TenantUrls {
  const origin = `http://localhost:${port}`;
  return {
    origin,
    issuer: `${origin}/`,
    // Auth0's audience is https://{domain}/api/v2/ even though we serve plain http.
    managementAudience: `https://localhost:${port}/api/v2/`,
  };
}
