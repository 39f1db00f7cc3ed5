// The real local tenant, in-process with an in-memory database, and Keyward's lib/ pointed at it
// (local mode: the real ManagementClient against http://127.0.0.1:{port}). For Vitest files that
// test lib/ modules against the tenant instead of against mocks of our own code.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Management } from 'auth0';
import { expect, vi } from 'vitest';
import { type RunningTenant, startTenant } from '@/local-tenant/src/server';

type Fault = {
  route: string;
  status?: number;
  latencyMs?: number;
  reset?: boolean;
  count?: number;
};

const ENV_KEYS = [
  'LOCAL_TENANT_PORT',
  'AUTH0_DOMAIN',
  'AUTH0_MANAGEMENT_DOMAIN',
  'APP_BASE_URL',
  'REDIS_URL',
  'REAUTH_MAX_AGE',
  'REQUIRE_MFA',
  'EMAIL_RESET_IS_FALLBACK',
  'AUTH0_MGMT_RPS',
  'AUTH0_READ_TIMEOUT_MS',
  'AUTH0_WRITE_TIMEOUT_MS',
  'LOCK_WAIT_MS',
  'KEYWARD_DATA_DIR',
  'LOCAL_TENANT_SMTP_PORT',
  'SMTP_URL',
  'MAIL_RETRY_MAX_MS',
] as const;
export type TenantEnv = Partial<Record<(typeof ENV_KEYS)[number], string>>;

/** Route keys of /_local/stats for the sign-in-method writes. */
export const WRITES = {
  rename: 'PATCH /api/v2/users/:id/authentication-methods/:method_id',
  remove: 'DELETE /api/v2/users/:id/authentication-methods/:method_id',
  add: 'POST /api/v2/users/:id/authentication-methods',
} as const;
export const METHODS_LIST = 'GET /api/v2/users/:id/authentication-methods';

export type TestTenant = {
  url: string;
  /**
   * Re-seeds users and methods (and signing keys with `keys`), zeroes the counters, clears faults
   * and the app's per-process state.
   */
  reset: (options?: { keys?: boolean }) => Promise<void>;
  /** Requests per "METHOD /route/template" since the last reset or `clearStats`. */
  stats: () => Promise<Record<string, number>>;
  clearStats: () => Promise<void>;
  fault: (fault: Fault) => Promise<void>;
  /** The user's methods as Auth0 lists them, through the app's own Management client. */
  methodsOf: (userId: string) => Promise<Management.UserAuthenticationMethod[]>;
  /** The tenant's local inbox, newest first (what its SMTP server received). */
  inbox: () => Promise<{ to: string[]; subject: string; text: string }[]>;
  close: () => Promise<void>;
};

/**
 * Forgets the app's per-process state (lib/core/registry.ts: all of it, or the entries named by
 * `prefixes`) and empties its safety records (state.sqlite in the data folder).
 */
/** What a tenant reset forgets: locks, limits and the safety records, not the client or outbox. */
const RESET_STATE = [
  'lock',
  'limiter:',
  'ttl-store',
  'pending-removals',
  'used-challenges',
  'state-db',
];

async function forgetAppState(dataDir: string, prefixes = ['']): Promise<void> {
  const { forgetProcessShared } = await import('@/lib/core/registry');
  for (const prefix of prefixes) forgetProcessShared(prefix);
  for (const suffix of ['', '-wal', '-shm'])
    rmSync(join(dataDir, `state.sqlite${suffix}`), { force: true });
}

/**
 * Starts the tenant, points lib/env at it (with no Management API rate limit on either side) and
 * resets the module registry, so modules imported after this call read the new environment.
 */
export async function startTestTenant(env: TenantEnv = {}): Promise<TestTenant> {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  const tenant: RunningTenant = await startTenant({
    port: 0,
    dbPath: ':memory:',
    testMode: true,
    quiet: true,
    rateLimitPerSecond: null,
  });
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, {
    LOCAL_TENANT_PORT: String(tenant.port),
    APP_BASE_URL: 'http://localhost:3000',
    AUTH0_MGMT_RPS: '1000',
    // Local mode mails to the tenant's inbox (its SMTP server is on a free port here).
    LOCAL_TENANT_SMTP_PORT: String(tenant.smtpPort ?? 0),
    // Each tenant gets the app a data folder of its own: test files run in parallel processes.
    KEYWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'keyward-data-')),
    ...env,
  });
  const dataDir = process.env.KEYWARD_DATA_DIR as string;
  vi.resetModules();
  // Fresh stores, outbox, mailer and client for the new environment (data folder, SMTP port).
  await forgetAppState(dataDir);
  const { managementCall } = await import('@/lib/management/client');

  async function control(method: string, path: string, body?: unknown) {
    const res = await fetch(`${tenant.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.ok, `${method} ${path} → ${res.status}`).toBe(true);
    return res.status === 204 ? null : res.json();
  }

  return {
    url: tenant.url,
    reset: async ({ keys = false } = {}) => {
      await control('DELETE', '/_local/faults');
      await control('POST', '/_local/reset', { keys });
      await control('DELETE', '/_local/stats');
      // A reset tenant has none of the earlier writes: forget what the app recorded about them.
      await forgetAppState(dataDir, RESET_STATE);
    },
    stats: async () =>
      ((await control('GET', '/_local/stats')) as { routes: Record<string, number> }).routes,
    clearStats: async () => void (await control('DELETE', '/_local/stats')),
    fault: async (fault) => void (await control('POST', '/_local/faults', fault)),
    inbox: async () => (await control('GET', '/_local/inbox.json')).messages,
    methodsOf: async (userId) =>
      (
        await managementCall((m) =>
          m.users.authenticationMethods.list(userId, { page: 0, per_page: 100 }),
        )
      ).data,
    close: async () => {
      for (const key of ENV_KEYS) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      await tenant.close();
    },
  };
}
