// Which Auth0 the contract suite talks to. The local tenant unless a real one is asked for
// explicitly with CONTRACT_TARGET=auth0: then every value comes from the environment, and the
// tests that need a value that is missing (or that would be unsafe there) are skipped by name.

import { existsSync } from 'node:fs';
import { ManagementClient } from 'auth0';
import { type TestFunction, test } from 'vitest';
import { LogoutReceiver } from '../logout-receiver';

export type TargetKind = 'local' | 'auth0';

/** What the real tenant's environment allows (always all of it locally). */
export type Capability =
  | 'login'
  | 'userToken'
  | 'passkeyCeremony'
  | 'keyWrites'
  | 'separateDomains'
  | 'localOnly'
  | 'receiveBackchannel'
  | 'chromium';

/** The browser that drives Universal Login (and, locally, the suite's check of that driver). */
export const CHROMIUM_PATH = process.env.CONTRACT_CHROMIUM?.trim() || '/usr/bin/chromium';

type Settings = {
  kind: TargetKind;
  /** CONTRACT_TARGET=auth0 without these variables: every test is skipped, naming them. */
  missing: string[];
  /** Set only when CONTRACT_TARGET=auth0 (host[:port], no scheme). */
  real: {
    signInDomain: string;
    managementDomain: string;
    app: { clientId: string; clientSecret: string };
    m2m: { clientId: string; clientSecret: string };
    userId: string;
    refreshToken: string | null;
    appOrigin: string | null;
    login: { email: string; password: string } | null;
    allowKeyRotation: boolean;
  } | null;
};

const env = (name: string): string | undefined => {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
};

/** `tenant.eu.auth0.com`, also from `https://tenant.eu.auth0.com/`. */
function bareHost(value: string): string {
  return new URL(value.includes('://') ? value : `https://${value}`).host;
}

function readSettings(): Settings {
  const kind = env('CONTRACT_TARGET') ?? 'local';
  if (kind === 'local') return { kind: 'local', missing: [], real: null };
  if (kind !== 'auth0') {
    throw new Error(`CONTRACT_TARGET must be "auth0" or unset (local tenant), not "${kind}".`);
  }
  const required = [
    'AUTH0_DOMAIN',
    'AUTH0_CLIENT_ID',
    'AUTH0_CLIENT_SECRET',
    'AUTH0_MANAGEMENT_CLIENT_ID',
    'AUTH0_MANAGEMENT_CLIENT_SECRET',
    'CONTRACT_USER_ID',
  ] as const;
  const missing = required.filter((name) => !env(name));
  if (missing.length > 0) return { kind: 'auth0', missing, real: null };
  const value = (name: (typeof required)[number]) => env(name) as string;
  const signInDomain = bareHost(value('AUTH0_DOMAIN'));
  const email = env('CONTRACT_USER_EMAIL');
  const password = env('CONTRACT_USER_PASSWORD');
  const appOrigin = env('CONTRACT_APP_ORIGIN');
  return {
    kind: 'auth0',
    missing: [],
    real: {
      signInDomain,
      managementDomain: bareHost(env('AUTH0_MANAGEMENT_DOMAIN') ?? signInDomain),
      app: { clientId: value('AUTH0_CLIENT_ID'), clientSecret: value('AUTH0_CLIENT_SECRET') },
      m2m: {
        clientId: value('AUTH0_MANAGEMENT_CLIENT_ID'),
        clientSecret: value('AUTH0_MANAGEMENT_CLIENT_SECRET'),
      },
      userId: value('CONTRACT_USER_ID'),
      refreshToken: env('CONTRACT_USER_REFRESH_TOKEN') ?? null,
      appOrigin: appOrigin ? new URL(appOrigin).origin : null,
      login: email && password ? { email, password } : null,
      allowKeyRotation: env('CONTRACT_ALLOW_KEY_ROTATION') === '1',
    },
  };
}

export const SETTINGS = readSettings();
export const IS_REAL = SETTINGS.kind === 'auth0';

function tenantReason(): string {
  return `CONTRACT_TARGET=auth0 needs ${SETTINGS.missing.join(', ')}`;
}

/** Why a capability is missing on the real tenant, or null when it is there. */
function missingReason(capability: Capability): string | null {
  if (capability === 'chromium') {
    return existsSync(CHROMIUM_PATH)
      ? null
      : `needs Chromium at ${CHROMIUM_PATH} (CONTRACT_CHROMIUM)`;
  }
  if (SETTINGS.missing.length > 0) return tenantReason();
  const real = SETTINGS.real;
  if (!real) return null;
  switch (capability) {
    case 'login':
      if (!real.login) {
        return 'needs CONTRACT_USER_EMAIL and CONTRACT_USER_PASSWORD (Universal Login in Chromium)';
      }
      // The sign-in ends at {CONTRACT_APP_ORIGIN}/auth/callback (login.ts).
      if (!real.appOrigin) return 'needs CONTRACT_APP_ORIGIN (the callback URL of the sign-in)';
      return missingReason('chromium');
    case 'userToken':
      if (real.refreshToken) return null;
      return real.login
        ? missingReason('login')
        : 'needs CONTRACT_USER_REFRESH_TOKEN, or CONTRACT_USER_EMAIL/CONTRACT_USER_PASSWORD';
    case 'passkeyCeremony':
      if (!real.appOrigin) return 'needs CONTRACT_APP_ORIGIN (an Allowed Origin of the app)';
      return missingReason('userToken');
    case 'keyWrites':
      return real.allowKeyRotation
        ? null
        : 'signing-key writes (5 rotations a day, revokes are irreversible) need CONTRACT_ALLOW_KEY_ROTATION=1';
    case 'separateDomains':
      return real.signInDomain === real.managementDomain
        ? 'AUTH0_DOMAIN equals AUTH0_MANAGEMENT_DOMAIN (no custom domain), nothing to compare'
        : null;
    case 'localOnly':
      return 'only meaningful against the local tenant';
    case 'receiveBackchannel':
      return "a real tenant posts logout tokens to the app's back-channel logout URI, which this suite cannot receive (check it with the app itself)";
  }
}

/** Whether the target offers a capability (always true locally). */
export function has(capability: Capability): boolean {
  return missingReason(capability) === null;
}

/**
 * `test`, or `test.skip` with the reason in its name when the target lacks a capability, so a
 * skipped contract never reads as a passed one.
 */
export function contractTest(
  name: string,
  needs: Capability[],
  fn: TestFunction,
  timeout?: number,
): void {
  // Without the tenant's variables nothing can run, whatever the test needs.
  const reasons =
    SETTINGS.missing.length > 0
      ? [tenantReason()]
      : needs.map(missingReason).filter((r): r is string => r !== null);
  const title = reasons.length > 0 ? `${name} [skipped: ${reasons.join('; ')}]` : name;
  test.skipIf(reasons.length > 0)(title, fn, timeout);
}

/** Prints what the real tenant answered to an open question (never a secret). */
export function answer(question: string, text: string): void {
  if (IS_REAL) console.info(`ANSWER ${question}: ${text}`);
}

export type LiveTarget = {
  kind: TargetKind;
  /** Where users sign in: `localhost:{port}` locally, AUTH0_DOMAIN on a real tenant. */
  signInDomain: string;
  /** The canonical tenant domain the Management API lives on. */
  managementDomain: string;
  /** `http://localhost:{port}/` locally, `https://{sign-in domain}/` on a real tenant. */
  issuer: string;
  /** Origin of a host (sign-in or management domain) as reachable from here. */
  origin(domain: string): string;
  /** The SDK's fetch: locally it maps https://{host} to the plain-http tenant. */
  fetch: typeof fetch;
  app: { clientId: string; clientSecret: string };
  m2m: { clientId: string; clientSecret: string };
  userId: string;
  /** Origin of the app for the WebAuthn ceremony and its /auth/callback. */
  appOrigin: string | null;
  login: { email: string; password: string } | null;
  refreshToken: string | null;
  /** Relying party id for security keys created through the Management API. */
  securityKeyRpId: string;
  /** The Management client Keyward builds (one per file; rebuild after revoking a key). */
  management(options?: { fresh?: boolean }): ManagementClient;
  /**
   * Local tenant only: the back-channel logout requests it made (the suite listens at a second
   * app URL), oldest first. Empty on a real tenant (capability `receiveBackchannel`).
   */
  logoutTokens(): string[];
  /** Local tenant only: restores the seed (signing keys too with keys: true). */
  resetLocal(options?: { keys?: boolean }): Promise<void>;
  close(): Promise<void>;
};

// The local tenant's fixed data (local-tenant/src/config.ts, seed.ts).
export const LOCAL = {
  app: { clientId: 'keyward-local-app', clientSecret: 'keyward-local-app-secret' },
  m2m: { clientId: 'keyward-local-m2m', clientSecret: 'keyward-local-m2m-secret' },
  appOrigin: 'http://localhost:3000',
  userId: 'auth0|alice',
  login: { email: 'alice@example.com', password: 'Passw0rd!' },
} as const;

function managementFactory(
  domain: string,
  m2m: { clientId: string; clientSecret: string },
  fetchFn: typeof fetch | undefined,
): (options?: { fresh?: boolean }) => ManagementClient {
  let client: ManagementClient | undefined;
  return (options = {}) => {
    if (!client || options.fresh) {
      client = new ManagementClient({
        domain,
        clientId: m2m.clientId,
        clientSecret: m2m.clientSecret,
        // Keyward's own call options are tighter; here a real free-plan tenant (2 requests/s)
        // must not fail a run on a passing 429, and the local tenant answers at once.
        timeoutInSeconds: 30,
        maxRetries: IS_REAL ? 4 : 0,
        ...(fetchFn ? { fetch: fetchFn } : {}),
      });
    }
    return client;
  };
}

async function openLocal(): Promise<LiveTarget> {
  const { startTenant } = await import('@/local-tenant/src/server');
  // A second app URL where the tenant's back-channel logout tokens land (it sends one per app URL).
  const receiver = new LogoutReceiver();
  const receiverUrl = await receiver.start();
  const tenant = await startTenant({
    port: 0,
    dbPath: ':memory:',
    testMode: true,
    quiet: true,
    appUrls: [LOCAL.appOrigin, receiverUrl],
  });
  const { port } = tenant;
  const hosts = [`localhost:${port}`, `127.0.0.1:${port}`];
  // The SDK always speaks https://{domain}; the tenant serves plain http on both names.
  const localFetch: typeof fetch = (input, init) => {
    let url = input instanceof Request ? input.url : String(input);
    for (const host of hosts) url = url.replace(`https://${host}`, `http://${host}`);
    return fetch(url, init);
  };
  const signInDomain = `localhost:${port}`;
  const managementDomain = `127.0.0.1:${port}`;
  return {
    kind: 'local',
    signInDomain,
    managementDomain,
    issuer: `http://${signInDomain}/`,
    origin: (domain) => `http://${domain}`,
    fetch: localFetch,
    app: LOCAL.app,
    m2m: LOCAL.m2m,
    userId: LOCAL.userId,
    appOrigin: LOCAL.appOrigin,
    login: LOCAL.login,
    refreshToken: null,
    securityKeyRpId: 'localhost',
    management: managementFactory(managementDomain, LOCAL.m2m, localFetch),
    logoutTokens: () => [...receiver.tokens],
    resetLocal: async (options = {}) => {
      const res = await fetch(`http://${signInDomain}/_local/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(options),
      });
      if (!res.ok) throw new Error(`local reset failed: ${res.status}`);
    },
    close: async () => {
      await tenant.close();
      await receiver.close();
    },
  };
}

function openReal(real: NonNullable<Settings['real']>): LiveTarget {
  return {
    kind: 'auth0',
    signInDomain: real.signInDomain,
    managementDomain: real.managementDomain,
    issuer: `https://${real.signInDomain}/`,
    origin: (domain) => `https://${domain}`,
    fetch: (input, init) => fetch(input, init),
    app: real.app,
    m2m: real.m2m,
    userId: real.userId,
    appOrigin: real.appOrigin,
    login: real.login,
    refreshToken: real.refreshToken,
    securityKeyRpId: real.appOrigin ? new URL(real.appOrigin).hostname : real.signInDomain,
    management: managementFactory(real.managementDomain, real.m2m, undefined),
    logoutTokens: () => [],
    resetLocal: async () => {
      throw new Error('resetLocal() is for the local tenant only');
    },
    close: async () => {},
  };
}

/** Starts the local tenant in-process, or describes the real one. Call once per test file. */
export function openTarget(): Promise<LiveTarget> {
  if (SETTINGS.missing.length > 0) return Promise.reject(new Error(tenantReason()));
  return SETTINGS.real ? Promise.resolve(openReal(SETTINGS.real)) : openLocal();
}
