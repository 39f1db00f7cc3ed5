// Every route under app/api, found on disk, against the checks test/routes/route-table.ts says it
// must apply. Each refusal is proven by its status and code and by the local tenant's request
// counters: a refused request must not have reached Auth0 at all (no token, Management API or
// My Account call). The route handlers, lib/session.ts, the rate limiters and the real tenant
// (in-process, in-memory) all run as in the app; only nextjs-auth0's session read is faked.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LimitName } from '@/lib/rate-limits/route-limits';
import { DEMO_USERS } from '@/local-tenant/src/seed-data';
import { type RunningTenant, startTenant } from '@/local-tenant/src/server';
import { HTTP_METHODS, type HttpMethod, ROUTE_TABLE, type RouteChecks } from './route-table';

const h = vi.hoisted(() => ({ session: null as SessionData | null }));
vi.mock('@/lib/auth0', () => ({ auth0: { getSession: async () => h.session } }));

type Handler = (
  req: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

const APP = 'http://localhost:3000';
const EVIL = 'https://evil.example';
/** The one site allowed to embed Keyward here. */
const HOST = 'https://host.example';
const ROLES_CLAIM = 'https://keyward.example/roles';
const ADMIN_ROLE = 'keyward-admin';
const REAUTH_MAX_AGE = 600;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MUTATIONS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const ENV_KEYS = [
  'LOCAL_TENANT_PORT',
  'AUTH0_DOMAIN',
  'AUTH0_MANAGEMENT_DOMAIN',
  'APP_BASE_URL',
  'REAUTH_MAX_AGE',
  'ADMIN_ROLE',
  'ROLES_CLAIM',
  'REDIS_URL',
  'AUTH0_MGMT_RPS',
  'KEYWARD_DATA_DIR',
  'LOCAL_TENANT_SMTP_PORT',
  'SMTP_URL',
  'EMBED_ALLOWED_ORIGINS',
] as const;
let dataDir: string | undefined;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

/** `/api/factors/[id]` for app/api/factors/[id]/route.ts, for every route file on disk. */
function routesOnDisk(): string[] {
  const apiDir = join(ROOT, 'app', 'api');
  return readdirSync(apiDir, { recursive: true })
    .map(String)
    .filter((file) => /(^|[\\/])route\.(ts|tsx|js|mjs)$/.test(file))
    .map((file) => {
      const dir = dirname(file).split(sep).join('/');
      return dir === '.' ? '/api' : `/api/${dir}`;
    })
    .sort();
}

const ON_DISK = routesOnDisk();
const TABLE_ROWS = Object.entries(ROUTE_TABLE).flatMap(([route, methods]) =>
  Object.entries(methods).map(([method, checks]) => ({
    route,
    method: method as HttpMethod,
    checks: checks as RouteChecks,
  })),
);

let tenant: RunningTenant;
const handlers = new Map<string, Partial<Record<HttpMethod, Handler>>>();
let limits: {
  exhaust: (name: LimitName, userId: string) => Promise<void>;
  resetAll: () => Promise<void>;
};

type Who = { user_id: string; email: string; name: string };
const alice = DEMO_USERS.alice;
const admin = DEMO_USERS.admin;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What nextjs-auth0 keeps after a sign-in: the ID token's claims and the token set. */
function signIn(who: Who, { authTime, roles }: { authTime?: number | null; roles?: unknown }) {
  const at = nowSeconds();
  h.session = {
    user: {
      sub: who.user_id,
      email: who.email,
      name: who.name,
      ...(authTime === null ? {} : { auth_time: authTime ?? at }),
      [ROLES_CLAIM]: roles,
    },
    tokenSet: {
      accessToken: 'unused',
      idToken: 'unused',
      refreshToken: 'unused',
      scope: 'openid profile email offline_access',
      expiresAt: at + 3600,
    },
    internal: { sid: randomBytes(8).toString('hex'), createdAt: at },
  };
}

/** A session that passes every check the route makes, so only the one under test can refuse. */
function signInPassingAll(checks: RouteChecks) {
  if (checks.admin) signIn(admin, { roles: [ADMIN_ROLE] });
  else signIn(alice, { roles: [] });
  return checks.admin ? admin : alice;
}

function urlOf(route: string, params: Record<string, string> = {}): string {
  return `${APP}${route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))}`;
}

type Send = {
  headers?: Record<string, string>;
  /** Replaces the default `origin: APP` on mutations; null sends no Origin at all. */
  origin?: string | null;
  body?: string;
  params?: Record<string, string>;
};

async function call(route: string, method: HttpMethod, checks: RouteChecks, send: Send = {}) {
  const handler = handlers.get(route)?.[method];
  if (!handler) throw new Error(`${method} ${route} is not exported`);
  const params = send.params ?? checks.params?.valid ?? {};
  const origin = send.origin === undefined ? (MUTATIONS.has(method) ? APP : null) : send.origin;
  const req = new NextRequest(urlOf(route, params), {
    method,
    headers: {
      ...(origin === null ? {} : { origin }),
      ...(send.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...send.headers,
    },
    ...(send.body === undefined ? {} : { body: send.body }),
  });
  return handler(req, { params: Promise.resolve(params) });
}

async function control(method: string, path: string) {
  const res = await fetch(`${tenant.url}${path}`, { method });
  expect(res.ok).toBe(true);
  return res.status === 204 ? null : res.json();
}

/** Every request the tenant has counted since the last zeroing: tokens, Management, My Account. */
async function upstreamCalls(): Promise<Record<string, number>> {
  const { routes } = (await control('GET', '/_local/stats')) as { routes: Record<string, number> };
  return routes;
}

async function expectRefused(res: Response, status: number, code: string) {
  const body = await res.json();
  expect({ status: res.status, code: body?.error?.code }).toEqual({ status, code });
  expect(await upstreamCalls()).toEqual({});
  return res;
}

beforeAll(async () => {
  tenant = await startTenant({
    port: 0,
    dbPath: ':memory:',
    testMode: true,
    quiet: true,
    rateLimitPerSecond: null,
  });
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.LOCAL_TENANT_PORT = String(tenant.port);
  process.env.APP_BASE_URL = APP;
  process.env.REAUTH_MAX_AGE = String(REAUTH_MAX_AGE);
  process.env.EMBED_ALLOWED_ORIGINS = HOST;
  // The in-process tenant has no Management rate limit; don't wait on Keyward's own budget.
  process.env.AUTH0_MGMT_RPS = '1000';
  // The changes' notification mail goes to this tenant's inbox, through an outbox of this run's
  // own: never the repo's .keyward/, whose leftovers a later `npm run dev` would send.
  dataDir = mkdtempSync(join(tmpdir(), 'keyward-route-guards-'));
  process.env.KEYWARD_DATA_DIR = dataDir;
  process.env.LOCAL_TENANT_SMTP_PORT = String(tenant.smtpPort);
  // Fresh process-wide state (outbox, mailer, stores) for this data folder and SMTP port.
  (await import('@/lib/core/registry')).forgetProcessShared();
  vi.resetModules();

  for (const route of ON_DISK) {
    const mod: Record<string, unknown> = await import(join(ROOT, 'app', route, 'route.ts'));
    const exported: Partial<Record<HttpMethod, Handler>> = {};
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === 'function') exported[method] = mod[method] as Handler;
    }
    handlers.set(route, exported);
  }

  const { limiter } = await import('@/lib/rate-limits/limiter');
  const { ROUTE_LIMITS } = await import('@/lib/rate-limits/route-limits');
  const names = Object.keys(ROUTE_LIMITS) as LimitName[];
  // The same limiters enforceRouteLimit takes its points from (they are shared through the process registry).
  const perUser = (name: LimitName) =>
    limiter(`${name}:user`, { points: ROUTE_LIMITS[name].user, durationSeconds: 60 });
  const perIp = (name: LimitName) =>
    limiter(`${name}:ip`, { points: ROUTE_LIMITS[name].ip, durationSeconds: 60 });
  limits = {
    exhaust: async (name, userId) => {
      await perUser(name).penalty(userId, ROUTE_LIMITS[name].user);
    },
    resetAll: async () => {
      for (const name of names) {
        for (const who of [alice, admin]) await perUser(name).delete(who.user_id);
        await perIp(name).delete('direct');
      }
    },
  };
});

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await tenant?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  h.session = null;
  await limits.resetAll();
  await control('DELETE', '/_local/stats');
});

describe('the route table', () => {
  it('lists every route under app/api, and only those', () => {
    expect(Object.keys(ROUTE_TABLE).sort()).toEqual(ON_DISK);
  });

  it('lists every method each route exports, and only those', () => {
    for (const route of ON_DISK) {
      const exported = Object.keys(handlers.get(route) ?? {}).sort();
      expect({ route, methods: exported }).toEqual({
        route,
        methods: Object.keys(ROUTE_TABLE[route] ?? {}).sort(),
      });
    }
  });

  it('asks for the same-origin check on exactly the methods that change something', () => {
    for (const { route, method, checks } of TABLE_ROWS) {
      expect({ route, method, sameOrigin: checks.sameOrigin }).toEqual({
        route,
        method,
        sameOrigin: MUTATIONS.has(method),
      });
    }
  });
});

describe.each(TABLE_ROWS.map((row) => [`${row.method} ${row.route}`, row] as const))(
  '%s',
  (_name, { route, method, checks }) => {
    it('answers 401 unauthorized without a session, before asking Auth0', async () => {
      h.session = null;
      await expectRefused(await call(route, method, checks), 401, 'unauthorized');
    });

    it('answers 401 unauthorized for a session without a user id', async () => {
      signInPassingAll(checks);
      if (h.session) h.session.user.sub = '';
      await expectRefused(await call(route, method, checks), 401, 'unauthorized');
    });

    if (checks.sameOrigin) {
      it.each([
        ['from another site', { origin: EVIL }],
        ['with Origin: null', { origin: 'null' }],
        ['from another port of this host', { origin: 'http://localhost:3001' }],
        ['without an Origin', { origin: null }],
        ['over https, from the same host', { origin: 'https://localhost:3000' }],
        [
          'without an Origin, marked cross-site by the browser',
          { origin: null, headers: { 'sec-fetch-site': 'cross-site' } },
        ],
        [
          'without an Origin, marked same-site by the browser (a sibling subdomain)',
          { origin: null, headers: { 'sec-fetch-site': 'same-site' } },
        ],
        [
          'from another site claiming Sec-Fetch-Site: same-origin',
          { origin: EVIL, headers: { 'sec-fetch-site': 'same-origin' } },
        ],
      ] as const)('answers 403 cross_origin %s, before asking Auth0', async (_label, send) => {
        signInPassingAll(checks);
        await expectRefused(await call(route, method, checks, send), 403, 'cross_origin');
      });

      if (checks.limit) {
        const limit = checks.limit;
        it('accepts a same-origin request the browser sent without Origin (Sec-Fetch-Site)', async () => {
          const who = signInPassingAll(checks);
          await limits.exhaust(limit, who.user_id);
          const send = { origin: null, headers: { 'sec-fetch-site': 'same-origin' } };
          // Past the origin check: stopped by the spent budget instead.
          await expectRefused(await call(route, method, checks, send), 429, 'rate_limited');
        });
      }
    } else {
      it('does not treat a foreign Origin as a refusal (a read changes nothing)', async () => {
        const who = signInPassingAll(checks);
        if (checks.limit) await limits.exhaust(checks.limit, who.user_id);
        const res = await call(route, method, checks, { origin: EVIL });
        expect((await res.json())?.error?.code).not.toBe('cross_origin');
      });
    }

    if (checks.admin) {
      it.each([
        ['no roles claim', undefined],
        ['no roles', []],
        ['other roles', ['keyward-user', 'KEYWARD-ADMIN', ` ${ADMIN_ROLE}`]],
        ['the role as a string rather than a list', ADMIN_ROLE],
        ['the role inside a nested list', [[ADMIN_ROLE]]],
      ])(
        'answers 403 forbidden to a signed-in user with %s, before asking Auth0',
        async (_l, roles) => {
          signIn(alice, { roles });
          const res = await call(route, method, checks);
          expect((await res.clone().json()).error.message).toBe(
            'This page is for tenant administrators.',
          );
          await expectRefused(res, 403, 'forbidden');
        },
      );

      it('answers 403 forbidden to a non-admin even with a stale sign-in (role before re-auth)', async () => {
        signIn(alice, { roles: [], authTime: nowSeconds() - REAUTH_MAX_AGE - 60 });
        await expectRefused(await call(route, method, checks), 403, 'forbidden');
      });
    } else if (checks.limit) {
      it('does not refuse a user without the admin role', async () => {
        signIn(alice, { roles: [] });
        await limits.exhaust(checks.limit as LimitName, alice.user_id);
        // Past every check before the limit: 429 proves no role check stood in the way.
        await expectRefused(await call(route, method, checks), 429, 'rate_limited');
      });
    }

    if (checks.recentAuth) {
      it.each([
        ['a sign-in just older than REAUTH_MAX_AGE', () => nowSeconds() - REAUTH_MAX_AGE - 2],
        ['a sign-in a day old', () => nowSeconds() - 86_400],
        ['no auth_time claim', () => null],
      ])('answers 401 reauth_required for %s, before asking Auth0', async (_label, authTime) => {
        const who = checks.admin ? admin : alice;
        signIn(who, { roles: checks.admin ? [ADMIN_ROLE] : [], authTime: authTime() });
        await expectRefused(await call(route, method, checks), 401, 'reauth_required');
      });
    } else if (checks.limit) {
      it('does not ask for a recent sign-in', async () => {
        const who = checks.admin ? admin : alice;
        signIn(who, { roles: checks.admin ? [ADMIN_ROLE] : [], authTime: nowSeconds() - 86_400 });
        await limits.exhaust(checks.limit as LimitName, who.user_id);
        await expectRefused(await call(route, method, checks), 429, 'rate_limited');
      });
    }

    if (checks.limit) {
      const limit = checks.limit;
      it(`answers 429 rate_limited with Retry-After once the "${limit}" budget is spent, before asking Auth0`, async () => {
        const who = signInPassingAll(checks);
        await limits.exhaust(limit, who.user_id);
        const res = await expectRefused(await call(route, method, checks), 429, 'rate_limited');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      });
    }

    if (checks.params) {
      const { invalid } = checks.params;
      it('answers 422 for a malformed path segment, before asking Auth0', async () => {
        signInPassingAll(checks);
        const send = { params: invalid, ...(checks.body ? { body: '{}' } : {}) };
        const res = await call(route, method, checks, send);
        // The message names the segment that was wrong.
        const name = Object.keys(invalid)[0];
        expect((await res.clone().json()).error.message).toMatch(new RegExp(`^${name}: .`));
        await expectRefused(res, 422, 'invalid_request');
      });
    }

    const body = checks.body;
    if (body) {
      /** `value` as JSON, padded with an ignored field to exactly `bytes` bytes. */
      const padded = (value: object, bytes: number) => {
        const bare = JSON.stringify({ ...value, pad: '' });
        return JSON.stringify({ ...value, pad: 'x'.repeat(bytes - Buffer.byteLength(bare)) });
      };

      it('answers 422 invalid_request for a body its schema refuses, before asking Auth0', async () => {
        signInPassingAll(checks);
        const send = { body: JSON.stringify(body.invalid) };
        const res = await call(route, method, checks, send);
        // The message names the field that was wrong.
        expect((await res.clone().json()).error.message).toMatch(/^[\w.]+: ./);
        await expectRefused(res, 422, 'invalid_request');
      });

      it('answers 400 invalid_json for a body that is not JSON, before asking Auth0', async () => {
        signInPassingAll(checks);
        await expectRefused(
          await call(route, method, checks, { body: '{"name":' }),
          400,
          'invalid_json',
        );
      });

      it('answers 415 for a body that is not sent as JSON, before asking Auth0', async () => {
        signInPassingAll(checks);
        const send = {
          body: JSON.stringify(body.invalid),
          headers: { 'content-type': 'text/plain' },
        };
        await expectRefused(await call(route, method, checks, send), 415, 'unsupported_media_type');
      });

      it(`reads a body of ${body.maxBytes} bytes and refuses one byte more with 413`, async () => {
        signInPassingAll(checks);
        const fits = padded(body.invalid as object, body.maxBytes);
        expect(Buffer.byteLength(fits)).toBe(body.maxBytes);
        await expectRefused(
          await call(route, method, checks, { body: fits }),
          422,
          'invalid_request',
        );
        const over = padded(body.invalid as object, body.maxBytes + 1);
        await expectRefused(
          await call(route, method, checks, { body: over }),
          413,
          'payload_too_large',
        );
      });
    }
  },
);

// The wrapper's own behaviour, through one real route that takes a body (so a request that passes
// every check stops at the body, before the handler asks Auth0 for anything).
describe('withRoute, through PATCH /api/factors/[id]', () => {
  const route = '/api/factors/[id]';
  const checks = ROUTE_TABLE[route]?.PATCH as RouteChecks;
  const invalidBody = { body: JSON.stringify({ name: '' }) };

  it('counts against the per-IP budget of the address the proxy appended (the last one)', async () => {
    signIn(alice, { roles: [] });
    const { limiter } = await import('@/lib/rate-limits/limiter');
    const { ROUTE_LIMITS } = await import('@/lib/rate-limits/route-limits');
    const points = ROUTE_LIMITS.change.ip;
    const perIp = limiter('change:ip', { points, durationSeconds: 60 });
    await perIp.penalty('203.0.113.7', points);
    try {
      const from = (xff: string) =>
        call(route, 'PATCH', checks, {
          ...invalidBody,
          headers: xff ? { 'x-forwarded-for': xff } : {},
        });
      // One proxy in front (TRUSTED_PROXY_HOPS=1): it appended the address that connected to it.
      await expectRefused(await from('10.0.0.1, 203.0.113.7'), 429, 'rate_limited');
      // What the client put in front is its own say, and does not buy a fresh bucket.
      await expectRefused(
        await from('198.51.100.1, 198.51.100.2, 203.0.113.7'),
        429,
        'rate_limited',
      );
      // The address is trimmed, so spaces do not make a fresh bucket either.
      await expectRefused(await from(' 10.0.0.1 , 203.0.113.7 '), 429, 'rate_limited');
      await expectRefused(await from('203.0.113.7, 198.51.100.1'), 422, 'invalid_request');
      // Without the header every request shares one bucket.
      await expectRefused(await from(''), 422, 'invalid_request');
      await perIp.penalty('unknown', points);
      await expectRefused(await from(''), 429, 'rate_limited');
    } finally {
      await perIp.delete('203.0.113.7');
      await perIp.delete('unknown');
    }
  });

  it('answers with the caller’s X-Request-Id (at most 64 characters), or a new one', async () => {
    signIn(alice, { roles: [] });
    const given = await call(route, 'PATCH', checks, {
      ...invalidBody,
      headers: { 'x-request-id': 'r'.repeat(80) },
    });
    expect(given.headers.get('x-request-id')).toBe('r'.repeat(64));
    const fresh = await call(route, 'PATCH', checks, invalidBody);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a body declared larger than the limit before reading it', async () => {
    signIn(alice, { roles: [] });
    const res = await call(route, 'PATCH', checks, {
      ...invalidBody,
      headers: { 'content-length': String((checks.body?.maxBytes ?? 0) + 1) },
    });
    await expectRefused(res, 413, 'payload_too_large');
  });

  it('reads a body declared at exactly the limit', async () => {
    signIn(alice, { roles: [] });
    const max = checks.body?.maxBytes ?? 0;
    const body = JSON.stringify({ name: '', pad: 'x'.repeat(max - 20) });
    const res = await call(route, 'PATCH', checks, {
      body: body.padEnd(max, ' '),
      headers: { 'content-length': String(max) },
    });
    await expectRefused(res, 422, 'invalid_request');
  });

  it('answers 400 invalid_json for a request with no body at all', async () => {
    signIn(alice, { roles: [] });
    const res = await call(route, 'PATCH', checks, {
      headers: { 'content-type': 'application/json' },
    });
    await expectRefused(res, 400, 'invalid_json');
  });

  it('answers a body that is not an object with a message that names no field', async () => {
    signIn(alice, { roles: [] });
    const res = await call(route, 'PATCH', checks, { body: '"Office key"' });
    const { error } = await res.clone().json();
    expect(error.message).not.toMatch(/^:/);
    expect(error.message.length).toBeGreaterThan(0);
    await expectRefused(res, 422, 'invalid_request');
  });

  it('takes only application/json as the media type, not a parameter that mentions it', async () => {
    signIn(alice, { roles: [] });
    const send = (type: string) =>
      call(route, 'PATCH', checks, { ...invalidBody, headers: { 'content-type': type } });
    await expectRefused(
      await send('text/plain; profile=application/json'),
      415,
      'unsupported_media_type',
    );
    await expectRefused(await send('Application/JSON; charset=utf-8'), 422, 'invalid_request');
  });
});

// Positive controls: with every check satisfied, the reads answer 200 (so the refusals above are
// the checks', not a broken session or setup).
describe.each(
  TABLE_ROWS.filter((row) => row.method === 'GET').map((row) => [`GET ${row.route}`, row] as const),
)('%s with every check satisfied', (_name, { route, checks }) => {
  it('answers 200, not cached', async () => {
    signInPassingAll(checks);
    const res = await call(route, 'GET', checks);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

// The sign-in popup mints a frame's handoff code only for a site allowed to embed Keyward.
describe('POST /api/embed/handoff', () => {
  const route = '/api/embed/handoff';
  const checks = ROUTE_TABLE[route]?.POST as RouteChecks;
  const mint = (host: string) =>
    call(route, 'POST', checks, {
      body: JSON.stringify({ challenge: 'c'.repeat(43), host }),
      headers: { cookie: '__session=the-popup-session' },
    });

  it('refuses a host not in EMBED_ALLOWED_ORIGINS with 403 host_not_allowed, and mints no code', async () => {
    signIn(alice, { roles: [] });
    const res = await mint(EVIL);
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 403,
      body: { error: { code: 'host_not_allowed', message: expect.any(String) } },
    });
    // The allowed host, as a control: a code.
    const allowed = await mint(HOST);
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

// An Idempotency-Key names one admin's one action on one key: the same key sent by another admin,
// for another action or for another signing key is a new request, not a repeat.
describe('Idempotency-Key on the signing-key routes', () => {
  const ROTATE = '/api/admin/signing-keys/rotate';
  const ROTATE_AND_REVOKE = '/api/admin/signing-keys/rotate-and-revoke';
  const REVOKE = '/api/admin/signing-keys/[kid]/revoke';
  const KEY = { 'idempotency-key': 'same-key-1' };
  const admin2 = { user_id: 'auth0|admin2', email: 'admin2@example.com', name: 'Admin Two' };
  const post = (route: string, params: Record<string, string> = {}) =>
    call(route, 'POST', ROUTE_TABLE[route]?.POST as RouteChecks, { headers: KEY, params });

  type Key = { kid: string; state: string };
  const keysAtTenant = async (): Promise<Key[]> => {
    const { listKeys } = await import('@/lib/signing-keys/actions');
    return listKeys();
  };

  beforeEach(async () => {
    await fetch(`${tenant.url}/_local/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys: true }),
    });
    // Each test starts with no Idempotency-Key nor rotation remembered.
    const { forgetProcessShared } = await import('@/lib/core/registry');
    forgetProcessShared('ttl-store');
    forgetProcessShared('state-db');
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(dataDir ?? '', `state.sqlite${suffix}`), { force: true });
  });

  it('the same key on another signing key revokes that key', async () => {
    const { managementCall } = await import('@/lib/management/client');
    const first = (await keysAtTenant()).find((k) => k.state === 'current')?.kid ?? '';
    await managementCall((m) => m.keys.signing.rotate(), { write: true });
    const second = (await keysAtTenant()).find((k) => k.state === 'current')?.kid ?? '';
    await managementCall((m) => m.keys.signing.rotate(), { write: true });
    signIn(admin, { roles: [ADMIN_ROLE] });

    expect((await post(REVOKE, { kid: first })).status).toBe(200);
    const other = await post(REVOKE, { kid: second });
    expect(other.status).toBe(200);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    const states = Object.fromEntries((await keysAtTenant()).map((k) => [k.kid, k.state]));
    expect([states[first], states[second]]).toEqual(['revoked', 'revoked']);
  });

  it('the same key on another action runs that action', async () => {
    signIn(admin, { roles: [ADMIN_ROLE] });
    expect((await post(ROTATE)).status).toBe(201);
    const other = await post(ROTATE_AND_REVOKE);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    // It ran: it joined the rotation a moment ago (200 collapsed), revoking nothing.
    expect({ status: other.status, body: await other.json() }).toMatchObject({
      status: 200,
      body: { collapsed: true, revokedKid: null },
    });
  });

  it('the same key from another admin is that admin’s own request', async () => {
    signIn(admin, { roles: [ADMIN_ROLE] });
    expect((await post(ROTATE)).status).toBe(201);
    signIn(admin2, { roles: [ADMIN_ROLE] });
    const other = await post(ROTATE);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect({ status: other.status, body: await other.json() }).toMatchObject({
      status: 200,
      body: { collapsed: true },
    });
  });
});
