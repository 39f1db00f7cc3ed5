// POST /api/security-keys/options and POST /api/security-keys end to end: the real route
// handlers, the real lib/ modules and the real Auth0 ManagementClient against the real local
// tenant (in-process, in-memory database), with registration responses from a software
// authenticator. Only the session is faked: auth0.getSession() returns a nextjs-auth0 session
// object, so lib/session.ts (auth_time, roles claim) runs as in the app.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import type { Management } from 'auth0';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_USERS, SEEDED_CREDENTIALS } from '@/local-tenant/src/seed-data';
import { type RunningTenant, startTenant } from '@/local-tenant/src/server';
import { createRegistration } from './test-authenticator';

const h = vi.hoisted(() => ({ session: null as SessionData | null }));

vi.mock('@/lib/auth0', () => ({ auth0: { getSession: async () => h.session } }));

type Route = (req: NextRequest) => Promise<Response>;
type Method = Management.UserAuthenticationMethod;

const APP = 'http://localhost:3000';
const RP = { origin: APP, rpId: 'localhost' };
const COOKIE = 'kw_security_key_registration';
const ROLES_CLAIM = 'https://keyward.example/roles';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const alice = DEMO_USERS.alice;
const bob = DEMO_USERS.bob;

const ENV_KEYS = [
  'LOCAL_TENANT_PORT',
  'AUTH0_DOMAIN',
  'AUTH0_MANAGEMENT_DOMAIN',
  'APP_BASE_URL',
  'WEBAUTHN_RP_ID',
  'REAUTH_MAX_AGE',
  'REDIS_URL',
  'AUTH0_WRITE_TIMEOUT_MS',
  'KEYWARD_DATA_DIR',
  'LOCAL_TENANT_SMTP_PORT',
  'SMTP_URL',
] as const;
let dataDir: string | undefined;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));

let tenant: RunningTenant;
let begin: Route;
let finish: Route;
let listRoute: Route;
let listMethodsOf: (userId: string) => Promise<Method[]>;

const WRITE_TIMEOUT_MS = 500;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What nextjs-auth0 keeps in its session cookie after a sign-in (see SessionData). */
function signIn(user: { user_id: string; email: string; name: string }, authTime = nowSeconds()) {
  h.session = {
    user: {
      sub: user.user_id,
      email: user.email,
      name: user.name,
      auth_time: authTime,
      [ROLES_CLAIM]: [],
    },
    tokenSet: {
      accessToken: 'not-used-by-these-routes',
      idToken: 'not-used-by-these-routes',
      refreshToken: 'not-used-by-these-routes',
      scope: 'openid profile email offline_access',
      expiresAt: authTime + 3600,
    },
    internal: { sid: randomBytes(8).toString('hex'), createdAt: authTime },
  };
}

function post(path: string, body: unknown, cookie?: string): NextRequest {
  return new NextRequest(`${APP}${path}`, {
    method: 'POST',
    headers: {
      origin: APP,
      'content-type': 'application/json',
      'user-agent': CHROME,
      ...(cookie ? { cookie: `${COOKIE}=${cookie}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

function ceremonyCookieHeader(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
}

async function start() {
  const res = await begin(post('/api/security-keys/options', {}));
  expect(res.status).toBe(200);
  const { options } = await res.json();
  const cookie =
    ceremonyCookieHeader(res)
      ?.split(';')[0]
      ?.slice(COOKIE.length + 1) ?? '';
  expect(cookie).not.toBe('');
  return { challenge: String(options.challenge), cookie, options };
}

/** The answer deletes the ceremony cookie: same name and path, empty, Max-Age=0. */
function expectCookieCleared(res: Response) {
  const header = ceremonyCookieHeader(res);
  expect(header).toBeDefined();
  expect(header).toMatch(new RegExp(`^${COOKIE}=;`));
  expect(header).toMatch(/;\s*Max-Age=0(;|$)/i);
  expect(header).toMatch(/;\s*Path=\/api\/security-keys(;|$)/i);
}

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect((await res.json()).error.code).toBe(code);
  expectCookieCleared(res);
}

async function control(method: string, path: string) {
  const res = await fetch(`${tenant.url}${path}`, { method });
  expect(res.ok).toBe(true);
  return res.status === 204 ? null : res.json();
}

/** Management API and token requests the tenant has seen since the last reset of its stats. */
async function upstreamCalls(): Promise<Record<string, number>> {
  const { routes } = (await control('GET', '/_local/stats')) as { routes: Record<string, number> };
  return Object.fromEntries(
    Object.entries(routes).filter(([key]) => key.includes('/api/v2/') || key.includes('/oauth/')),
  );
}

const LIST_ROUTE = 'GET /api/v2/users/:id/authentication-methods';
const CREATE_ROUTE = 'POST /api/v2/users/:id/authentication-methods';

async function fault(body: { route: string; status?: number; latencyMs?: number; count?: number }) {
  const res = await fetch(`${tenant.url}/_local/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

function get(path: string): NextRequest {
  return new NextRequest(`${APP}${path}`, { headers: { 'user-agent': CHROME } });
}

/** "A security key was added" mails to alice naming `quoted`. */
const addedMails = async (quoted: string) =>
  (
    (await (await fetch(`${tenant.url}/_local/inbox.json`)).json()) as {
      messages: { to: string[]; subject: string; text: string }[];
    }
  ).messages.filter(
    (m) =>
      m.to.includes(alice.email) &&
      m.subject === 'A security key was added to your account' &&
      m.text.includes(quoted),
  );

const roamingKeysOf = async (userId: string) =>
  (await listMethodsOf(userId)).filter((m) => m.type === 'webauthn-roaming');

beforeAll(async () => {
  tenant = await startTenant({
    port: 0,
    dbPath: ':memory:',
    testMode: true,
    quiet: true,
    // No Management rate limit, whatever LOCAL_TENANT_RATE_LIMIT says in this shell.
    rateLimitPerSecond: null,
  });
  // Local mode against this tenant; lib/env reads these once, on first use.
  for (const key of ENV_KEYS) delete process.env[key];
  process.env.LOCAL_TENANT_PORT = String(tenant.port);
  process.env.APP_BASE_URL = APP;
  // Writes here take milliseconds; a short timeout lets one test outwait a slowed write.
  process.env.AUTH0_WRITE_TIMEOUT_MS = String(WRITE_TIMEOUT_MS);
  // Notification mail: this run's own outbox, into this tenant's inbox.
  dataDir = mkdtempSync(join(tmpdir(), 'keyward-security-keys-'));
  process.env.KEYWARD_DATA_DIR = dataDir;
  process.env.LOCAL_TENANT_SMTP_PORT = String(tenant.smtpPort);
  // Fresh process-wide state (outbox, mailer, stores) for this data folder and SMTP port.
  (await import('@/lib/core/registry')).forgetProcessShared();
  vi.resetModules();
  begin = (await import('@/app/api/security-keys/options/route')).POST;
  finish = (await import('@/app/api/security-keys/route')).POST;
  listRoute = (await import('@/app/api/factors/route')).GET;
  const { managementCall } = await import('@/lib/management/client');
  listMethodsOf = async (userId) =>
    (await managementCall((m) => m.users.authenticationMethods.list(userId))).data;
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
  await control('POST', '/_local/reset');
  await control('DELETE', '/_local/stats');
  signIn(alice);
});

afterEach(() => vi.useRealTimers());

describe('POST /api/security-keys/options', () => {
  it('sets an HttpOnly, SameSite=Strict ceremony cookie scoped to /api/security-keys for 5 minutes', async () => {
    const res = await begin(post('/api/security-keys/options', {}));
    expect(res.status).toBe(200);
    const header = ceremonyCookieHeader(res) ?? '';
    expect(header).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(header).toMatch(/;\s*SameSite=Strict(;|$)/i);
    expect(header).toMatch(/;\s*Path=\/api\/security-keys(;|$)/i);
    expect(header).toMatch(/;\s*Max-Age=300(;|$)/i);
    // Plain-http localhost is the one place it may not be Secure.
    expect(header).not.toMatch(/;\s*Secure/i);
    // Sealed: the challenge the browser gets is not readable in the cookie.
    const { options } = await res.json();
    expect(header).not.toContain(options.challenge);
    expect(header).not.toContain('alice');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('asks for a security key and excludes every credential the tenant lists for the user', async () => {
    const { options } = await start();
    expect(options.rp).toEqual({ id: 'localhost', name: 'Keyward' });
    expect(options.user.name).toBe(alice.email);
    expect(options.authenticatorSelection).toMatchObject({
      authenticatorAttachment: 'cross-platform',
      userVerification: 'preferred',
    });
    const seeded = SEEDED_CREDENTIALS.filter((c) => c.userId === alice.user_id);
    expect(seeded.length).toBeGreaterThan(0);
    expect(options.excludeCredentials.map((c: { id: string }) => c.id).sort()).toEqual(
      seeded.map((c) => c.keyId).sort(),
    );
  });

  it('answers 401 reauth_required for a stale sign-in, before any call to Auth0', async () => {
    signIn(alice, nowSeconds() - 3600);
    const res = await begin(post('/api/security-keys/options', {}));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('reauth_required');
    expect(ceremonyCookieHeader(res)).toBeUndefined();
    expect(await upstreamCalls()).toEqual({});
  });

  it('answers 401 unauthorized without a session', async () => {
    h.session = null;
    const res = await begin(post('/api/security-keys/options', {}));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
    expect(await upstreamCalls()).toEqual({});
  });
});

describe('POST /api/security-keys', () => {
  it('verifies, stores a webauthn-roaming method without aaguid and answers 201 { factor, nameSaved, view }', async () => {
    const before = await listMethodsOf(alice.user_id);
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP, uv: false });
    const res = await finish(post('/api/security-keys', { response, name: '  Work key ' }, cookie));

    expect(res.status).toBe(201);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['factor', 'nameSaved', 'view']);
    expect(body.nameSaved).toBe(true);
    expect(body.factor).toMatchObject({ kind: 'security-key', name: 'Work key' });
    // The whole list comes with it (the page re-fetches nothing), in the list's own shape.
    expect(body.view.factors).toContainEqual(body.factor);
    expect(Object.keys(body.view).sort()).toEqual(['canAddPasskey', 'factors', 'identities']);
    expectCookieCleared(res);

    const after = await listMethodsOf(alice.user_id);
    expect(after).toHaveLength(before.length + 1);
    const stored = after.find((m) => m.id === body.factor.id);
    expect(stored).toMatchObject({
      type: 'webauthn-roaming',
      name: 'Work key',
      key_id: response.id,
      public_key: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/),
      relying_party_identifier: 'localhost',
    });
    // Keyward sends only the fields Auth0 documents for a security key.
    expect(stored).not.toHaveProperty('aaguid');
    expect(stored).not.toHaveProperty('user_handle');
    expect(stored).not.toHaveProperty('transports');
    expect(stored).not.toHaveProperty('user_agent');

    // And alice is told, by mail to her inbox, naming the key.
    const inbox = async () =>
      (
        (await (await fetch(`${tenant.url}/_local/inbox.json`)).json()) as {
          messages: { to: string[]; subject: string; text: string }[];
        }
      ).messages.filter((m) => m.to.includes(alice.email) && m.text.includes('“Work key”'));
    await vi.waitFor(async () => expect(await inbox()).toHaveLength(1), { timeout: 10_000 });
    const [mail] = await inbox();
    expect(mail?.subject).toBe('A security key was added to your account');
    expect(mail?.text).toContain('The security key “Work key” was added to your account.');
  });

  it('names the key "Security key", not after the browser, when no name is given', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    const res = await finish(post('/api/security-keys', { response }, cookie));
    expect(res.status).toBe(201);
    expect((await res.json()).factor).toMatchObject({
      kind: 'security-key',
      name: 'Security key',
    });
  });

  it('a create Auth0 does not answer in time is "not confirmed", never "not added": it may land', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    const route = 'POST /api/v2/users/:id/authentication-methods';
    await fetch(`${tenant.url}/_local/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route, latencyMs: WRITE_TIMEOUT_MS * 3, count: 1 }),
    });
    const before = (await roamingKeysOf(alice.user_id)).length;
    const res = await finish(post('/api/security-keys', { response }, cookie));
    expect(res.status).toBe(503);
    const { error } = await res.json();
    expect(error.code).toBe('outcome_unknown');
    expect(error.message).toMatch(/may still appear/);
    // And it does: the slowed create lands after Keyward stopped waiting, as it would at Auth0.
    await new Promise((resolve) => setTimeout(resolve, WRITE_TIMEOUT_MS * 3));
    expect((await roamingKeysOf(alice.user_id)).length).toBe(before + 1);
  });

  it('a create Auth0 confirmed is answered 201 even when the read after it fails', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    // Every read of the list fails from here on (after the options read), the create does not.
    await fault({ route: LIST_ROUTE, status: 503 });
    const res = await finish(post('/api/security-keys', { response, name: 'Spare key' }, cookie));
    await control('DELETE', '/_local/faults');

    expect(res.status).toBe(201);
    const body = await res.json();
    // What the create's answer tells: its id, kind and name; the list comes with the next read.
    expect(body.factor).toMatchObject({ kind: 'security-key', name: 'Spare key' });
    expect(body.view).toBeNull();
    const stored = (await roamingKeysOf(alice.user_id)).find((m) => m.key_id === response.id);
    expect(stored?.id).toBe(body.factor.id);
    await vi.waitFor(async () => expect(await addedMails('“Spare key”')).toHaveLength(1), {
      timeout: 10_000,
    });
  });

  it('a create Auth0 did not confirm is 503 outcome_unknown, and mailed once when a later read shows it', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    await fault({ route: CREATE_ROUTE, latencyMs: WRITE_TIMEOUT_MS * 3, count: 1 });
    const res = await finish(post('/api/security-keys', { response, name: 'Late key' }, cookie));
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('outcome_unknown');
    expect(await addedMails('“Late key”')).toHaveLength(0);

    // It lands after Keyward stopped waiting; the person's next two page loads read the list.
    await vi.waitFor(
      async () =>
        expect((await roamingKeysOf(alice.user_id)).some((m) => m.key_id === response.id)).toBe(
          true,
        ),
      { timeout: 10_000 },
    );
    for (let i = 0; i < 2; i++) expect((await listRoute(get('/api/factors'))).status).toBe(200);
    await vi.waitFor(async () => expect(await addedMails('“Late key”')).toHaveLength(1), {
      timeout: 10_000,
    });
    // Once only, however many reads follow.
    expect((await listRoute(get('/api/factors'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await addedMails('“Late key”')).toHaveLength(1);
  });

  it('a create that is not answered and not found because the read fails too is outcome_unknown, never "not added"', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    await fault({ route: CREATE_ROUTE, status: 502, count: 1 });
    await fault({ route: LIST_ROUTE, status: 503 });
    const res = await finish(post('/api/security-keys', { response }, cookie));
    await control('DELETE', '/_local/faults');
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('outcome_unknown');
  });

  it('refuses a replayed response with 400 and stores nothing more', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    expect((await finish(post('/api/security-keys', { response }, cookie))).status).toBe(201);
    const stored = await roamingKeysOf(alice.user_id);

    await expectError(
      await finish(post('/api/security-keys', { response }, cookie)),
      400,
      'challenge_used',
    );
    // Even a fresh credential can't ride on the spent ceremony.
    const another = createRegistration({ challenge, ...RP });
    await expectError(
      await finish(post('/api/security-keys', { response: another }, cookie)),
      400,
      'challenge_used',
    );
    expect(await roamingKeysOf(alice.user_id)).toEqual(stored);
  });

  it('refuses an expired ceremony with 400 and stores nothing', async () => {
    const before = await listMethodsOf(alice.user_id);
    const { challenge, cookie } = await start();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 301_000);
    signIn(alice); // a fresh sign-in: only the ceremony is too old
    const response = createRegistration({ challenge, ...RP });
    await expectError(
      await finish(post('/api/security-keys', { response }, cookie)),
      400,
      'challenge_expired',
    );
    vi.useRealTimers();
    expect(await listMethodsOf(alice.user_id)).toEqual(before);
  });

  it("refuses a ceremony started by another user's session with 400 and stores nothing", async () => {
    const aliceBefore = await listMethodsOf(alice.user_id);
    const bobBefore = await listMethodsOf(bob.user_id);
    const { challenge, cookie } = await start();
    signIn(bob);
    const response = createRegistration({ challenge, ...RP });
    await expectError(
      await finish(post('/api/security-keys', { response }, cookie)),
      400,
      'challenge_mismatch',
    );
    expect(await listMethodsOf(bob.user_id)).toEqual(bobBefore);
    expect(await listMethodsOf(alice.user_id)).toEqual(aliceBefore);
  });

  it('refuses a response without a ceremony cookie with 400', async () => {
    const before = await listMethodsOf(alice.user_id);
    const response = createRegistration({ challenge: 'YWJj', ...RP });
    await expectError(
      await finish(post('/api/security-keys', { response })),
      400,
      'challenge_expired',
    );
    expect(await listMethodsOf(alice.user_id)).toEqual(before);
  });

  it('refuses a wrong origin with 400 verification_failed and stores nothing', async () => {
    const before = await listMethodsOf(alice.user_id);
    const { challenge, cookie } = await start();
    const response = createRegistration({
      challenge,
      origin: 'https://evil.example',
      rpId: 'localhost',
    });
    await expectError(
      await finish(post('/api/security-keys', { response }, cookie)),
      400,
      'verification_failed',
    );
    expect(await listMethodsOf(alice.user_id)).toEqual(before);
  });

  it.each([
    ['already has', () => SEEDED_CREDENTIALS.find((c) => c.ref === 'alice-desk-key')],
    ['that another user has', () => SEEDED_CREDENTIALS.find((c) => c.userId === bob.user_id)],
  ])(
    "answers 409 already_registered for a credential id the user %s (Auth0's 409)",
    async (_label, seeded) => {
      const keyId = seeded()?.keyId ?? '';
      expect(keyId).not.toBe('');
      const aliceBefore = await listMethodsOf(alice.user_id);
      const bobBefore = await listMethodsOf(bob.user_id);
      const { challenge, cookie } = await start();
      const response = createRegistration({
        challenge,
        ...RP,
        credentialId: Buffer.from(keyId, 'base64url'),
      });
      const res = await finish(post('/api/security-keys', { response }, cookie));
      expect(res.status).toBe(409);
      expect((await res.json()).error).toEqual({
        code: 'already_registered',
        message: 'This authenticator is already registered.',
      });
      expectCookieCleared(res);
      expect(await listMethodsOf(alice.user_id)).toEqual(aliceBefore);
      expect(await listMethodsOf(bob.user_id)).toEqual(bobBefore);
    },
  );

  it('answers 409 already_registered when the same key is added twice', async () => {
    const credentialId = randomBytes(32);
    const first = await start();
    const created = await finish(
      post(
        '/api/security-keys',
        { response: createRegistration({ challenge: first.challenge, ...RP, credentialId }) },
        first.cookie,
      ),
    );
    expect(created.status).toBe(201);
    const stored = await listMethodsOf(alice.user_id);

    const again = await start();
    expect(again.options.excludeCredentials.map((c: { id: string }) => c.id)).toContain(
      credentialId.toString('base64url'),
    );
    const res = await finish(
      post(
        '/api/security-keys',
        { response: createRegistration({ challenge: again.challenge, ...RP, credentialId }) },
        again.cookie,
      ),
    );
    await expectError(res, 409, 'already_registered');
    expect(await listMethodsOf(alice.user_id)).toEqual(stored);
  });

  it('tells keys apart by what Keyward saw when adding them: the browser and how the key connects; a re-add from elsewhere keeps them, a removal forgets them', async () => {
    // bob: alice's change budget is spent by the tests around this one.
    signIn(bob);
    const credentialId = randomBytes(32);
    const first = await start();
    const added = await finish(
      post(
        '/api/security-keys',
        {
          response: createRegistration({
            challenge: first.challenge,
            ...RP,
            credentialId,
            // A browser may send transports WebAuthn does not define: they are not shown.
            transports: ['nfc', 'usb', 'carrier-pigeon' as AuthenticatorTransport],
          }),
        },
        first.cookie,
      ),
    );
    expect(added.status).toBe(201);
    const { factor } = await added.json();
    expect(factor).toMatchObject({ device: 'Chrome on Linux', transports: ['usb', 'nfc'] });

    // The same key again from Firefox on Windows: refused (409), and the card still says Chrome.
    const again = await start();
    const firefox = post(
      '/api/security-keys',
      { response: createRegistration({ challenge: again.challenge, ...RP, credentialId }) },
      again.cookie,
    );
    firefox.headers.set(
      'user-agent',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0',
    );
    await expectError(await finish(firefox), 409, 'already_registered');
    const listed = async () =>
      ((await (await listRoute(get('/api/factors'))).json()) as { factors: { id: string }[] })
        .factors;
    expect((await listed()).find((f) => f.id === factor.id)).toMatchObject({
      device: 'Chrome on Linux',
      transports: ['usb', 'nfc'],
    });

    // Removed: what Keyward kept about the key goes with it.
    const { DELETE } = await import('@/app/api/factors/[id]/route');
    const removal = new NextRequest(`${APP}/api/factors/${factor.id}`, {
      method: 'DELETE',
      headers: { origin: APP, 'user-agent': CHROME },
    });
    expect((await DELETE(removal, { params: Promise.resolve({ id: factor.id }) })).status).toBe(
      200,
    );
    const { readKeyDetails } = await import('@/lib/factors/key-details');
    const keyId = credentialId.toString('base64url');
    expect((await readKeyDetails(bob.user_id, [keyId])).size).toBe(0);
  });

  it('refuses a malformed body with 422', async () => {
    const before = await listMethodsOf(alice.user_id);
    const { cookie } = await start();
    await expectError(
      await finish(post('/api/security-keys', { response: { id: 'x' } }, cookie)),
      422,
      'invalid_request',
    );
    expect(await listMethodsOf(alice.user_id)).toEqual(before);
  });

  it('answers 401 reauth_required for a stale sign-in, before any call to Auth0', async () => {
    const { challenge, cookie } = await start();
    signIn(alice, nowSeconds() - 3600);
    await control('DELETE', '/_local/stats');
    const response = createRegistration({ challenge, ...RP });
    await expectError(
      await finish(post('/api/security-keys', { response }, cookie)),
      401,
      'reauth_required',
    );
    expect(await upstreamCalls()).toEqual({});
  });

  it('refuses a cross-site request with 403 and still deletes the cookie', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    const req = new NextRequest(`${APP}/api/security-keys`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/json',
        cookie: `${COOKIE}=${cookie}`,
      },
      body: JSON.stringify({ response }),
    });
    await expectError(await finish(req), 403, 'cross_origin');
  });
});
