// The two routes end to end, with real registration responses from a software authenticator.
// Only the session and the Management API are faked (an in-memory Auth0 that enforces Auth0's
// rules: unique key_id across users → 409, at most 20 passkeys → 403), so "stores nothing" is
// checked on that store.
import { randomBytes } from 'node:crypto';
import { ManagementError } from 'auth0';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as begin } from '@/app/api/passkeys/registration-options/route';
import { POST as finish } from '@/app/api/passkeys/route';
import { createRegistration } from './test-authenticator';

type StoredMethod = {
  id: string;
  type: string;
  key_id?: string;
  name?: string;
  user_handle?: string;
};

const h = vi.hoisted(() => ({
  user: {
    userId: 'auth0|alice',
    email: 'alice@example.com',
    name: 'Alice',
    authTime: 0,
    roles: [] as string[],
  },
  store: new Map<string, StoredMethod[]>(),
  creates: 0,
}));

vi.mock('@/lib/session', () => ({
  getSessionUser: async () => h.user,
  isAdmin: () => false,
  hasRecentSignIn: (user: { authTime: number | null }) =>
    user.authTime !== null && Date.now() / 1000 - user.authTime <= 600,
}));

const methodsOf = (userId: string) => h.store.get(userId) ?? [];

vi.mock('@/lib/management/client', () => ({
  managementCall: async <T>(call: (mgmt: unknown) => Promise<T>) =>
    call({
      users: {
        authenticationMethods: {
          list: async (userId: string) => ({ data: methodsOf(userId) }),
          create: async (userId: string, body: StoredMethod) => {
            h.creates++;
            const all = [...h.store.values()].flat();
            if (body.key_id && all.some((m) => m.key_id === body.key_id)) {
              throw new ManagementError({
                statusCode: 409,
                body: { message: 'Authentication method already exists.' },
              });
            }
            if (methodsOf(userId).filter((m) => m.type === body.type).length >= 20) {
              throw new ManagementError({
                statusCode: 403,
                body: { message: 'You reached the limit of entities of this type for this user.' },
              });
            }
            const created = { ...body, id: `${body.type}|dev_${randomBytes(6).toString('hex')}` };
            h.store.set(userId, [...methodsOf(userId), created]);
            return created;
          },
        },
      },
    }),
}));

vi.mock('@/lib/factors/get-factors', () => ({
  listMethods: async (userId: string) => methodsOf(userId),
  getFactors: async (userId: string) => ({
    factors: methodsOf(userId).map((m) => ({
      id: m.id,
      kind: m.type === 'passkey' ? 'passkey' : 'security-key',
      name: m.name,
    })),
    identities: [],
  }),
}));

const APP = 'http://localhost:3000';
const RP = { origin: APP, rpId: 'localhost' };

function post(path: string, body: unknown, cookie?: string): NextRequest {
  return new NextRequest(`${APP}${path}`, {
    method: 'POST',
    headers: {
      origin: APP,
      'content-type': 'application/json',
      'user-agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      ...(cookie ? { cookie: `kw_webauthn_reg=${cookie}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

function challengeCookie(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('kw_webauthn_reg='));
  return header?.split(';')[0]?.slice('kw_webauthn_reg='.length) ?? '';
}

async function start(kind: 'passkey' | 'security-key' = 'passkey') {
  const res = await begin(post('/api/passkeys/registration-options', { kind }));
  expect(res.status).toBe(200);
  const { options } = await res.json();
  return { challenge: String(options.challenge), cookie: challengeCookie(res), options };
}

const total = () => [...h.store.values()].flat().length;

async function expectRefused(res: Response, code: string) {
  expect(res.status).toBe(400);
  expect((await res.json()).error.code).toBe(code);
  // The challenge cookie is deleted whatever the outcome.
  expect(res.headers.getSetCookie().some((c) => /^kw_webauthn_reg=;.*Max-Age=0/i.test(c))).toBe(
    true,
  );
}

beforeEach(() => {
  h.user = { ...h.user, userId: 'auth0|alice', authTime: Math.floor(Date.now() / 1000) };
  h.store = new Map([
    ['auth0|alice', [{ id: 'password|1', type: 'password' }]],
    ['auth0|bob', []],
  ]);
  h.creates = 0;
});
afterEach(() => vi.useRealTimers());

describe('POST /api/passkeys/registration-options', () => {
  it('sets an HttpOnly, SameSite=Strict challenge cookie scoped to /api/passkeys for 5 minutes', async () => {
    const res = await begin(post('/api/passkeys/registration-options', { kind: 'passkey' }));
    const header = res.headers.getSetCookie().find((c) => c.startsWith('kw_webauthn_reg=')) ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Strict/i);
    expect(header).toMatch(/Path=\/api\/passkeys/);
    expect(header).toMatch(/Max-Age=300/);
  });

  it('answers 401 reauth_required when the sign-in is too old', async () => {
    h.user = { ...h.user, authTime: Math.floor(Date.now() / 1000) - 3600 };
    const res = await begin(post('/api/passkeys/registration-options', { kind: 'passkey' }));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('reauth_required');
  });
});

describe('POST /api/passkeys', () => {
  it('verifies, stores and answers 201 { factor }', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    const res = await finish(post('/api/passkeys', { response, name: '  My laptop ' }, cookie));
    expect(res.status).toBe(201);
    const { factor } = await res.json();
    expect(factor).toMatchObject({ kind: 'passkey', name: 'My laptop' });
    expect(methodsOf('auth0|alice').find((m) => m.id === factor.id)).toMatchObject({
      key_id: response.id,
    });
  });

  it.each([
    ['a wrong origin', { origin: 'https://evil.example', rpId: 'localhost' }, {}],
    ['a wrong RP ID', { origin: APP, rpId: 'evil.example' }, {}],
    ['a passkey without user verification', RP, { uv: false }],
  ])('rejects %s with 400 and stores nothing', async (_label, rp, flags) => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...rp, ...flags });
    await expectRefused(
      await finish(post('/api/passkeys', { response }, cookie)),
      'verification_failed',
    );
    expect(h.creates).toBe(0);
    expect(total()).toBe(1);
  });

  it('rejects a replayed registration response with 400 and stores nothing more', async () => {
    const { challenge, cookie } = await start();
    const response = createRegistration({ challenge, ...RP });
    expect((await finish(post('/api/passkeys', { response }, cookie))).status).toBe(201);
    await expectRefused(
      await finish(post('/api/passkeys', { response }, cookie)),
      'challenge_used',
    );
    expect(h.creates).toBe(1);
    expect(total()).toBe(2);
  });

  it('rejects an expired challenge with 400 and stores nothing', async () => {
    const { challenge, cookie } = await start();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 301_000);
    h.user = { ...h.user, authTime: Math.floor(Date.now() / 1000) };
    const response = createRegistration({ challenge, ...RP });
    await expectRefused(
      await finish(post('/api/passkeys', { response }, cookie)),
      'challenge_expired',
    );
    expect(h.creates).toBe(0);
  });

  it("rejects a challenge issued to another user's session with 400 and stores nothing", async () => {
    const { challenge, cookie } = await start();
    h.user = { ...h.user, userId: 'auth0|bob' };
    const response = createRegistration({ challenge, ...RP });
    await expectRefused(
      await finish(post('/api/passkeys', { response }, cookie)),
      'challenge_mismatch',
    );
    expect(h.creates).toBe(0);
    expect(methodsOf('auth0|bob')).toEqual([]);
  });

  it('rejects a response without a challenge cookie', async () => {
    const response = createRegistration({ challenge: 'abc', ...RP });
    await expectRefused(await finish(post('/api/passkeys', { response })), 'challenge_expired');
  });

  it('answers 409 already_registered for a credential the user already has', async () => {
    const credentialId = randomBytes(32);
    const first = await start();
    await finish(
      post(
        '/api/passkeys',
        { response: createRegistration({ challenge: first.challenge, ...RP, credentialId }) },
        first.cookie,
      ),
    );
    const again = await start();
    expect(again.options.excludeCredentials).toHaveLength(1);
    const res = await finish(
      post(
        '/api/passkeys',
        { response: createRegistration({ challenge: again.challenge, ...RP, credentialId }) },
        again.cookie,
      ),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error).toEqual({
      code: 'already_registered',
      message: 'This authenticator is already registered.',
    });
    expect(h.creates).toBe(1);
  });

  it("answers 409 already_registered for a credential id on another user (Auth0's 409)", async () => {
    const credentialId = randomBytes(32);
    h.store.set('auth0|bob', [
      { id: 'passkey|bob', type: 'passkey', key_id: credentialId.toString('base64url') },
    ]);
    const { challenge, cookie } = await start();
    const res = await finish(
      post(
        '/api/passkeys',
        { response: createRegistration({ challenge, ...RP, credentialId }) },
        cookie,
      ),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('already_registered');
    expect(methodsOf('auth0|alice')).toHaveLength(1);
  });

  it('answers 409 passkey_limit at 20 passkeys', async () => {
    const { challenge, cookie } = await start();
    const many = Array.from({ length: 20 }, (_, i) => ({
      id: `passkey|${i}`,
      type: 'passkey',
      key_id: `k${i}`,
    }));
    h.store.set('auth0|alice', many);
    const res = await finish(
      post('/api/passkeys', { response: createRegistration({ challenge, ...RP }) }, cookie),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('passkey_limit');
    const options = await begin(post('/api/passkeys/registration-options', { kind: 'passkey' }));
    expect(options.status).toBe(409);
  });

  it('answers 401 reauth_required when the sign-in is too old', async () => {
    const { challenge, cookie } = await start();
    h.user = { ...h.user, authTime: Math.floor(Date.now() / 1000) - 3600 };
    const res = await finish(
      post('/api/passkeys', { response: createRegistration({ challenge, ...RP }) }, cookie),
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('reauth_required');
    expect(h.creates).toBe(0);
  });

  it('refuses a malformed response body with 422', async () => {
    const { cookie } = await start();
    const res = await finish(post('/api/passkeys', { response: { id: 'x' } }, cookie));
    expect(res.status).toBe(422);
  });
});
