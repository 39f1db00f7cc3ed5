import type { JsonWebKey } from 'node:crypto';
import { test as base, type CDPSession, expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { BOB_CDP_CREDENTIALS, DANA_CDP_CREDENTIALS, DEMO_USERS } from '../local-tenant/src/seed';
import { freePort } from '../test/local-servers';
import { type Restartable, startApp, startTenant, type TenantProcess } from './support/processes';

type Fault = {
  route: string;
  status?: number;
  latencyMs?: number;
  reset?: boolean;
  rate?: number;
  count?: number;
};

export type InboxMail = {
  id: number;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
};

export type TenantControls = {
  url: string;
  /** The local inbox's mail, newest first; `to` keeps one recipient's. */
  inbox: (to?: string) => Promise<InboxMail[]>;
  /** Takes the tenant's SMTP server down (refusing connections) or brings it back. */
  smtp: (running: boolean) => Promise<void>;
  reset: (options?: { keys?: boolean }) => Promise<void>;
  stats: () => Promise<{ routes: Record<string, number> }>;
  clearStats: () => Promise<void>;
  fault: (fault: Fault) => Promise<void>;
  clearFaults: () => Promise<void>;
  /** Undoes one tenant setting the doctor checks (POST /_local/config); reset restores it. */
  breakSetting: (name: string) => Promise<void>;
  /**
   * Stops the tenant process ("the tenant is down"), and starts it again on the same port and
   * database. A restart keeps users, methods and signing keys, and forgets what the tenant keeps
   * in memory: its OIDC sessions and refresh tokens, stats, faults and rate-limit settings.
   * The fixture starts it again after the test if the test left it stopped. `{ kill: true }`
   * stops it at once (SIGKILL) instead of letting it close its connections.
   */
  stop: (options?: { kill?: boolean }) => Promise<void>;
  start: () => Promise<void>;
  /**
   * The private key the tenant signs tokens with now (its `current` signing key, read from its
   * database), for tests that must craft tokens the tenant could have sent.
   */
  signingKey: () => { kid: string; jwk: JsonWebKey };
};

// The CDP WebAuthn domain's shapes, as far as these tests use them.
type AuthenticatorOptions = {
  protocol: 'ctap2' | 'u2f';
  ctap2Version: 'ctap2_0' | 'ctap2_1';
  transport: 'usb' | 'nfc' | 'ble' | 'cable' | 'internal';
  hasResidentKey: boolean;
  hasUserVerification: boolean;
  isUserVerified: boolean;
  automaticPresenceSimulation: boolean;
  defaultBackupEligibility: boolean;
  defaultBackupState: boolean;
};
export type VirtualCredential = {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  userHandle?: string;
  signCount: number;
};

export type VirtualAuthenticator = {
  id: string;
  cdp: CDPSession;
  credentials: () => Promise<VirtualCredential[]>;
  setResponseOverrideBits: (bits: {
    isBogusSignature?: boolean;
    isBadUV?: boolean;
    isBadUP?: boolean;
  }) => Promise<void>;
};

type Servers = {
  tenant: TenantProcess;
  tenantPort: number;
  smtpPort: number;
  app: Restartable;
  sparePorts: number[];
};

type Fixtures = {
  app: { url: string };
  tenant: TenantControls;
  /**
   * The sign-in helpers sign in at the main app, or at `at` (another instance's URL): sessions live
   * in the instance's store (its own SQLite file, or Redis shared by instances with REDIS_URL).
   */
  signIn: (page: Page, who: 'alice' | 'admin', at?: string) => Promise<void>;
  /** Signs bob or dana in with seeded credential `which` loaded into a new virtual authenticator. */
  signInWithPasskey: (
    page: Page,
    who: 'bob' | 'dana',
    which?: number,
    at?: string,
  ) => Promise<VirtualAuthenticator>;
  signInWithGoogle: (page: Page, who: 'carol' | 'dana', at?: string) => Promise<void>;
  authenticator: (
    page: Page,
    options?: Partial<AuthenticatorOptions>,
  ) => Promise<VirtualAuthenticator>;
  /** Another app instance on a spare port; `{ dev: true }` runs it under `next dev`. */
  launchApp: (env: Record<string, string>, options?: { dev?: boolean }) => Promise<Restartable>;
};

/**
 * A platform authenticator (ctap2, internal, resident keys, UV) on a CDP session: a page's, or an
 * out-of-process frame's, which has a target of its own. Returns its id.
 */
export async function addVirtualAuthenticator(
  cdp: CDPSession,
  options: Partial<AuthenticatorOptions> = {},
): Promise<string> {
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      ...options,
    },
  });
  return authenticatorId;
}

async function control(url: string, method: string, body?: unknown): Promise<Response> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${await res.text()}`);
  return res;
}

/** The tenant's sign-in page speaks the browser's language (English or German, as Auth0 would). */
const TENANT_WORDS = {
  email: /^(Email|E-Mail-Adresse)$/,
  password: /^(Password|Passwort)$/,
  continue: /^(Continue|Weiter)$/,
  passkey: /^(Continue with a passkey|Mit einem Passkey fortfahren)$/,
  google: /^(Continue with Google \(simulated\)|Mit Google fortfahren \(simuliert\))$/,
};

export const test = base.extend<Fixtures, { servers: Servers }>({
  servers: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const [tenantPort, smtpPort, appPort, ...sparePorts] = await Promise.all(
        Array.from({ length: 6 }, () => freePort()),
      );
      if (tenantPort === undefined || smtpPort === undefined || appPort === undefined)
        throw new Error('no free ports');
      const appUrls = [appPort, ...sparePorts].map((p) => `http://localhost:${p}`);
      const tenant = await startTenant(tenantPort, appUrls, smtpPort);
      // One app serves every test, and each test signs the same demo users in again: the route
      // limits would count a whole run's adds as one person's minute. Tests of the limits
      // themselves use launchApp, which keeps them as deployed.
      const app = await startApp(appPort, tenantPort, smtpPort, { ROUTE_LIMIT_SCALE: '100' });
      await use({ tenant, tenantPort, smtpPort, app, sparePorts });
      await app.close();
      await tenant.close();
    },
    { scope: 'worker', timeout: 300_000 },
  ],

  // Automatic, so every test starts from the seed whether or not it names `tenant`.
  tenant: [
    async ({ servers }, use) => {
      const base = servers.tenant.url;
      const controls: TenantControls = {
        url: base,
        inbox: async (to) => {
          const query = to ? `?to=${encodeURIComponent(to)}` : '';
          const res = await control(`${base}/_local/inbox.json${query}`, 'GET');
          return ((await res.json()) as { messages: InboxMail[] }).messages;
        },
        smtp: async (running) => void (await control(`${base}/_local/smtp`, 'POST', { running })),
        reset: async (options = {}) =>
          void (await control(`${base}/_local/reset`, 'POST', options)),
        stats: async () => (await control(`${base}/_local/stats`, 'GET')).json(),
        clearStats: async () => void (await control(`${base}/_local/stats`, 'DELETE')),
        fault: async (fault) => void (await control(`${base}/_local/faults`, 'POST', fault)),
        clearFaults: async () => void (await control(`${base}/_local/faults`, 'DELETE')),
        breakSetting: async (name) =>
          void (await control(`${base}/_local/config`, 'POST', { break: name })),
        stop: (options) => servers.tenant.stop(options),
        start: () => servers.tenant.start(),
        signingKey: () => {
          const db = new Database(servers.tenant.dbPath, { fileMustExist: true });
          try {
            const row = db
              .prepare<[], { kid: string; private_jwk: string }>(
                "SELECT kid, private_jwk FROM signing_keys WHERE state = 'current'",
              )
              .get();
            if (!row) throw new Error('the tenant has no current signing key');
            return { kid: row.kid, jwk: JSON.parse(row.private_jwk) as JsonWebKey };
          } finally {
            db.close();
          }
        },
      };
      // Every test starts from the seed, with no faults and no rate limit.
      await controls.clearFaults();
      await control(`${base}/_local/rate-limit`, 'POST', { perSecond: null });
      await controls.reset();
      await use(controls);
      await servers.tenant.start();
      await controls.clearFaults();
      await controls.smtp(true);
    },
    { auto: true },
  ],

  app: async ({ servers }, use) => use({ url: servers.app.url }),

  authenticator: async ({ page: _page }, use) => {
    await use(async (page, options = {}) => {
      const cdp = await page.context().newCDPSession(page);
      const authenticatorId = await addVirtualAuthenticator(cdp, options);
      return {
        id: authenticatorId,
        cdp,
        credentials: async () =>
          (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
        setResponseOverrideBits: async (bits) =>
          void (await cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId, ...bits })),
      };
    });
  },

  signIn: async ({ app }, use) => {
    await use(async (page, who, at = app.url) => {
      const user = DEMO_USERS[who];
      await page.goto(`${at}/auth/login`);
      await page.getByLabel(TENANT_WORDS.email).fill(user.email);
      await page.getByLabel(TENANT_WORDS.password).fill(user.password);
      await page.getByRole('button', { name: TENANT_WORDS.continue }).click();
      await page.waitForURL(`${at}/**`);
    });
  },

  signInWithPasskey: async ({ app, authenticator }, use) => {
    await use(async (page, who, which = 0, at = app.url) => {
      // Bob's passkeys share his user handle, and an authenticator keeps one resident credential
      // per user and RP (as real ones do), so only one of them can sit in this authenticator.
      const credential = (who === 'bob' ? BOB_CDP_CREDENTIALS : DANA_CDP_CREDENTIALS)[which];
      if (!credential) throw new Error(`${who} has no seeded credential #${which}`);
      const va = await authenticator(page);
      await va.cdp.send('WebAuthn.addCredential', { authenticatorId: va.id, credential });
      await page.goto(`${at}/auth/login`);
      await page.getByRole('button', { name: TENANT_WORDS.passkey }).click();
      await page.waitForURL(`${at}/**`);
      return va;
    });
  },

  signInWithGoogle: async ({ app }, use) => {
    await use(async (page, who, at = app.url) => {
      await page.goto(`${at}/auth/login`);
      await page.getByRole('button', { name: TENANT_WORDS.google }).click();
      await page.getByRole('button', { name: new RegExp(DEMO_USERS[who].email) }).click();
      await page.waitForURL(`${at}/**`);
    });
  },

  launchApp: async ({ servers }, use) => {
    const started: Restartable[] = [];
    let next = 0;
    await use(async (env, options = {}) => {
      const port = servers.sparePorts[next++];
      if (port === undefined) throw new Error('launchApp: no spare port left (the tenant knows 3)');
      const mode = options.dev ? 'dev' : 'production';
      const app = await startApp(port, servers.tenantPort, servers.smtpPort, env, mode);
      started.push(app);
      return app;
    });
    await Promise.all(started.map((a) => a.close()));
  },
});

export { expect };
