import 'server-only';
import { z } from 'zod';
import { LOCK_TIMING, lockTimingProblems } from '@/lib/locks/timing';

// Development defaults for local mode only. They are public (they are in the README), which is
// why production against a real tenant refuses to start with any of them.
export const LOCAL_TENANT_DEFAULTS = {
  port: 4400,
  clientId: 'keyward-local-app',
  clientSecret: 'keyward-local-app-secret',
  managementClientId: 'keyward-local-m2m',
  managementClientSecret: 'keyward-local-m2m-secret',
  secret: 'keyward-local-development-secret-0000000000000000000000000000',
} as const;

const DEV_SECRETS: readonly string[] = [
  LOCAL_TENANT_DEFAULTS.clientSecret,
  LOCAL_TENANT_DEFAULTS.managementClientSecret,
  LOCAL_TENANT_DEFAULTS.secret,
];

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const flag = z.preprocess(
  emptyToUndefined,
  z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
);
const url = z.url({ protocol: /^https?$/ });

const schema = z.object({
  /**
   * Where people sign in: the tenant's domain or its custom domain (login.example.com). OIDC, the
   * My Account API (passkey enrolment) and the passkeys' RP ID all live here. Unset = local mode.
   */
  AUTH0_DOMAIN: optionalString,
  AUTH0_CLIENT_ID: optionalString,
  AUTH0_CLIENT_SECRET: optionalString,
  AUTH0_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, 'must be at least 32 characters (openssl rand -hex 32)').optional(),
  ),
  /**
   * The canonical tenant domain (your-tenant.eu.auth0.com) for the Management API. Auth0 issues
   * Management API tokens only for it, so with a custom domain in AUTH0_DOMAIN this must be set.
   * Defaults to AUTH0_DOMAIN.
   */
  AUTH0_MANAGEMENT_DOMAIN: optionalString,
  AUTH0_MANAGEMENT_CLIENT_ID: optionalString,
  AUTH0_MANAGEMENT_CLIENT_SECRET: optionalString,
  APP_BASE_URL: z.preprocess(emptyToUndefined, url.default('http://localhost:3000')),
  LOCAL_TENANT_PORT: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(65535).default(LOCAL_TENANT_DEFAULTS.port),
  ),
  WEBAUTHN_RP_ID: optionalString,
  WEBAUTHN_RP_NAME: z.preprocess(emptyToUndefined, z.string().default('Keyward')),
  REAUTH_MAX_AGE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(600)),
  REQUIRE_MFA: flag,
  EMAIL_RESET_IS_FALLBACK: flag,
  ADMIN_ROLE: z.preprocess(emptyToUndefined, z.string().default('keyward-admin')),
  ROLES_CLAIM: z.preprocess(emptyToUndefined, url.default('https://keyward.example/roles')),
  EMBED_ALLOWED_ORIGINS: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : []),
    z.array(url),
  ),
  /** How long a frame's sign-in handoff code lives (s): the popup's sign-in to the frame's trade. */
  EMBED_HANDOFF_TTL_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(10).max(600).default(60),
  ),
  REDIS_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^rediss?$/ }).optional()),
  /** Where Keyward keeps its own files: the sessions' SQLite database when REDIS_URL is unset. */
  KEYWARD_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.keyward')),
  LOCK_WAIT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(5000)),
  /** How long one Management API read or write may take before Keyward stops waiting (ms). */
  AUTH0_READ_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(100).max(10_000).default(5000),
  ),
  AUTH0_WRITE_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(100).max(10_000).default(8000),
  ),
  /** How many app instances serve Keyward; more than one needs REDIS_URL. */
  INSTANCES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  /**
   * Where notification mail goes (smtp://user:pass@host:587, smtps://…). Local mode defaults to
   * the local tenant's inbox; against a real tenant, unset means no mail is sent (warned at start).
   */
  SMTP_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^smtps?$/ }).optional()),
  /** The From of notification mail: an address, or `Name <address>`. */
  MAIL_FROM: z.preprocess(
    emptyToUndefined,
    z.string().min(3).default('Keyward <keyward@localhost>'),
  ),
  /** The local tenant's SMTP port (local mode's default SMTP_URL). */
  LOCAL_TENANT_SMTP_PORT: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(65535).default(4425),
  ),
  /** The longest wait between two tries of one notification (ms); the outbox doubles up to it. */
  MAIL_RETRY_MAX_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(100).max(3_600_000).default(300_000),
  ),
  /** Management API requests per second Keyward may spend, across instances (Free plan: 2). */
  AUTH0_MGMT_RPS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(2)),
  /** How many proxies in front of Keyward append to X-Forwarded-For (for per-address limits). */
  TRUSTED_PROXY_HOPS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(10).default(1),
  ),
  /** Multiplies every per-user and per-address route limit, e.g. when many people share one NAT address. */
  ROUTE_LIMIT_SCALE: z.preprocess(
    emptyToUndefined,
    z.coerce.number().min(0.1).max(1000).default(1),
  ),
});

export type Env = ReturnType<typeof resolveEnv>;

function hostOf(domain: string): string {
  return new URL(domain.includes('://') ? domain : `https://${domain}`).host;
}

/** Validates the raw environment and fills local-mode defaults. Throws a message naming each bad variable. */
export function resolveEnv(raw: Record<string, string | undefined>) {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // The timeouts must fit the work budget under a lock (lib/locks/timing.ts).
  const timing = lockTimingProblems({
    ...LOCK_TIMING,
    readTimeoutMs: e.AUTH0_READ_TIMEOUT_MS,
    writeTimeoutMs: e.AUTH0_WRITE_TIMEOUT_MS,
    lockWaitMs: e.LOCK_WAIT_MS,
  });
  if (timing.length > 0) {
    throw new Error(`Invalid configuration:\n${timing.map((p) => `  timeouts: ${p}`).join('\n')}`);
  }
  const local = e.AUTH0_DOMAIN === undefined;
  const appUrl = new URL(e.APP_BASE_URL);

  if (!local) {
    const required = [
      'AUTH0_CLIENT_ID',
      'AUTH0_CLIENT_SECRET',
      'AUTH0_SECRET',
      'AUTH0_MANAGEMENT_CLIENT_ID',
      'AUTH0_MANAGEMENT_CLIENT_SECRET',
    ] as const;
    const missing = required.filter((k) => e[k] === undefined);
    if (missing.length > 0) {
      throw new Error(
        `Invalid configuration:\n${missing.map((k) => `  ${k}: required when AUTH0_DOMAIN is set`).join('\n')}`,
      );
    }
    if (raw.NODE_ENV === 'production' && e.WEBAUTHN_RP_ID === undefined) {
      // The app's host is almost never the RP ID Auth0 uses for WebAuthn (the tenant's or custom
      // domain's). Guessing would register security keys Auth0's MFA prompt can never use.
      throw new Error(
        'Invalid configuration:\n  WEBAUTHN_RP_ID: required in production against a real tenant; set it to the RP ID Auth0 uses for WebAuthn on your domain (see README)',
      );
    }
    if (raw.NODE_ENV === 'production') {
      const reused = (
        ['AUTH0_CLIENT_SECRET', 'AUTH0_SECRET', 'AUTH0_MANAGEMENT_CLIENT_SECRET'] as const
      ).filter((k) => DEV_SECRETS.includes(e[k] ?? ''));
      if (reused.length > 0) {
        throw new Error(
          `Invalid configuration:\n${reused.map((k) => `  ${k}: is a public development default; set a real secret`).join('\n')}`,
        );
      }
    }
  }

  // Local mode speaks plain http to the tenant; nextjs-auth0 accepts a scheme in the domain
  // only together with allowInsecureRequests, which we therefore enable for that case alone.
  // The local tenant answers its Management API on 127.0.0.1, standing in for the canonical
  // tenant domain, while people sign in on localhost, standing in for a custom domain.
  const tenantOrigin = local ? `http://localhost:${e.LOCAL_TENANT_PORT}` : null;
  const domain = tenantOrigin ?? (e.AUTH0_DOMAIN as string);
  const managementHost = local
    ? `127.0.0.1:${e.LOCAL_TENANT_PORT}`
    : hostOf(e.AUTH0_MANAGEMENT_DOMAIN ?? domain);

  return {
    local,
    appBaseUrl: appUrl.origin,
    auth0: {
      domain,
      /** What nextjs-auth0 derives from the domain; the My Account API's audience hangs off it. */
      issuer: `${domain.includes('://') ? domain.replace(/\/+$/, '') : `https://${domain}`}/`,
      allowInsecureRequests: domain.startsWith('http://'),
      clientId: e.AUTH0_CLIENT_ID ?? LOCAL_TENANT_DEFAULTS.clientId,
      clientSecret: e.AUTH0_CLIENT_SECRET ?? LOCAL_TENANT_DEFAULTS.clientSecret,
      secret: e.AUTH0_SECRET ?? LOCAL_TENANT_DEFAULTS.secret,
    },
    management: {
      /**
       * The canonical tenant domain (AUTH0_MANAGEMENT_DOMAIN, else AUTH0_DOMAIN), bare
       * host[:port] as the SDK wants it; it always prefixes https://. Auth0 serves the Management
       * API's audience only on the canonical domain, never on a custom domain.
       */
      domain: managementHost,
      clientId: e.AUTH0_MANAGEMENT_CLIENT_ID ?? LOCAL_TENANT_DEFAULTS.managementClientId,
      clientSecret:
        e.AUTH0_MANAGEMENT_CLIENT_SECRET ?? LOCAL_TENANT_DEFAULTS.managementClientSecret,
      /** Where https://{domain} really lives; null for a real tenant. */
      localOrigin: local ? `http://${managementHost}` : null,
    },
    webauthn: {
      rpId: e.WEBAUTHN_RP_ID ?? appUrl.hostname,
      rpName: e.WEBAUTHN_RP_NAME,
      origin: appUrl.origin,
    },
    reauthMaxAgeSeconds: e.REAUTH_MAX_AGE,
    policy: { requireMfa: e.REQUIRE_MFA, emailResetIsFallback: e.EMAIL_RESET_IS_FALLBACK },
    admin: { role: e.ADMIN_ROLE, rolesClaim: e.ROLES_CLAIM },
    embedAllowedOrigins: e.EMBED_ALLOWED_ORIGINS.map((o) => new URL(o).origin),
    embedHandoffTtlMs: e.EMBED_HANDOFF_TTL_SECONDS * 1000,
    redisUrl: e.REDIS_URL ?? null,
    dataDir: e.KEYWARD_DATA_DIR,
    lockWaitMs: e.LOCK_WAIT_MS,
    mgmtRps: e.AUTH0_MGMT_RPS,
    routeLimitScale: e.ROUTE_LIMIT_SCALE,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    mgmtTimeouts: { readMs: e.AUTH0_READ_TIMEOUT_MS, writeMs: e.AUTH0_WRITE_TIMEOUT_MS },
    instances: e.INSTANCES,
    mail: {
      smtpUrl: e.SMTP_URL ?? (local ? `smtp://127.0.0.1:${e.LOCAL_TENANT_SMTP_PORT}` : null),
      from: e.MAIL_FROM,
      retryMaxMs: e.MAIL_RETRY_MAX_MS,
    },
  };
}

let cached: Env | undefined;

/** The app's configuration, validated on first use so a bad value stops the first request and start-up. */
export function getEnv(): Env {
  cached ??= resolveEnv(process.env);
  return cached;
}
