// lib/session.ts as the route wrapper and the pages use it: claims from the nextjs-auth0 session
// to a SessionUser, the admin role, the recent-sign-in window and the sign-in redirect. Only
// auth0.getSession() is faked; lib/env reads the real environment variables.
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Claims as an ID token may carry them, wrong types included.
const h = vi.hoisted(() => ({ user: null as Record<string, unknown> | null }));
vi.mock('@/lib/auth0', () => ({
  auth0: {
    getSession: async (): Promise<SessionData | null> =>
      h.user
        ? {
            user: h.user as SessionData['user'],
            tokenSet: { accessToken: 'unused', expiresAt: 0 },
            internal: { sid: 'sid', createdAt: 0 },
          }
        : null,
  },
}));

const ENV_KEYS = ['AUTH0_DOMAIN', 'REAUTH_MAX_AGE', 'ADMIN_ROLE', 'ROLES_CLAIM'] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
const DEFAULT_CLAIM = 'https://keyward.example/roles';

/** lib/session.ts with a fresh lib/env read from `env` (lib/env caches its first read). */
async function load(env: Partial<Record<(typeof ENV_KEYS)[number], string>> = {}) {
  for (const key of ENV_KEYS) delete process.env[key];
  Object.assign(process.env, env);
  vi.resetModules();
  return import('@/lib/session');
}

type Session = Awaited<ReturnType<typeof load>>;
type User = Parameters<Session['isAdmin']>[0];

const user = (fields: Partial<User> = {}): User => ({
  userId: 'auth0|alice',
  email: null,
  name: null,
  authTime: null,
  roles: [],
  ...fields,
});

beforeEach(() => {
  h.user = null;
});

afterAll(() => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

describe('getSessionUser', () => {
  it('is null without a session', async () => {
    const { getSessionUser } = await load();
    expect(await getSessionUser()).toBeNull();
  });

  it('maps the ID token claims it uses, and nothing else', async () => {
    const { getSessionUser } = await load();
    h.user = {
      sub: 'auth0|alice',
      email: 'alice@example.com',
      name: 'Alice',
      auth_time: 1_700_000_000,
      [DEFAULT_CLAIM]: ['keyward-admin', 'auditor'],
      nickname: 'al',
      sid: 'x',
    };
    expect(await getSessionUser()).toEqual({
      userId: 'auth0|alice',
      email: 'alice@example.com',
      name: 'Alice',
      authTime: 1_700_000_000,
      roles: ['keyward-admin', 'auditor'],
    });
  });

  it.each([
    ['no sub', {}],
    ['an empty sub', { sub: '' }],
    ['a numeric sub', { sub: 42 }],
    ['a sub that is a list', { sub: ['auth0|alice'] }],
  ])('treats a session with %s as no session', async (_label, claims) => {
    const { getSessionUser } = await load();
    h.user = { email: 'alice@example.com', auth_time: 1_700_000_000, ...claims };
    expect(await getSessionUser()).toBeNull();
  });

  it('leaves out claims of the wrong type instead of trusting them', async () => {
    const { getSessionUser } = await load();
    h.user = {
      sub: 'auth0|alice',
      email: ['alice@example.com'],
      name: 42,
      auth_time: '1700000000',
      [DEFAULT_CLAIM]: 'keyward-admin',
    };
    expect(await getSessionUser()).toEqual({
      userId: 'auth0|alice',
      email: null,
      name: null,
      authTime: null,
      roles: [],
    });
  });

  it('keeps only the string roles of a mixed list', async () => {
    const { getSessionUser } = await load();
    h.user = {
      sub: 'auth0|admin',
      [DEFAULT_CLAIM]: [42, null, { role: 'keyward-admin' }, ['keyward-admin'], 'auditor'],
    };
    expect((await getSessionUser())?.roles).toEqual(['auditor']);
  });

  it('reads roles from ROLES_CLAIM only', async () => {
    const claim = 'https://other.example/claims/roles';
    const { getSessionUser } = await load({ ROLES_CLAIM: claim });
    h.user = { sub: 'auth0|admin', [DEFAULT_CLAIM]: ['keyward-admin'], roles: ['keyward-admin'] };
    expect((await getSessionUser())?.roles).toEqual([]);
    h.user = { sub: 'auth0|admin', [claim]: ['keyward-admin'] };
    expect((await getSessionUser())?.roles).toEqual(['keyward-admin']);
  });

  it('has no missing auth_time turned into a recent sign-in', async () => {
    const { getSessionUser, hasRecentSignIn } = await load();
    h.user = { sub: 'auth0|alice' };
    const found = await getSessionUser();
    expect(found?.authTime).toBeNull();
    expect(found && hasRecentSignIn(found)).toBe(false);
  });
});

describe('requireUser', () => {
  it('redirects to sign in, coming back to the page, without a session', async () => {
    const { requireUser } = await load();
    const error = await requireUser('/security?tab=keys&x=1').catch((e: unknown) => e);
    expect(error).toMatchObject({
      digest: expect.stringContaining(
        `;/auth/login?returnTo=${encodeURIComponent('/security?tab=keys&x=1')};`,
      ),
    });
  });

  it('redirects a session without a user id too', async () => {
    const { requireUser } = await load();
    h.user = { sub: '' };
    await expect(requireUser('/security')).rejects.toMatchObject({
      digest: expect.stringContaining('/auth/login?returnTo=%2Fsecurity'),
    });
  });

  it('returns the signed-in user', async () => {
    const { requireUser } = await load();
    h.user = { sub: 'auth0|alice', email: 'alice@example.com' };
    await expect(requireUser('/security')).resolves.toMatchObject({
      userId: 'auth0|alice',
      email: 'alice@example.com',
    });
  });
});

describe('isAdmin', () => {
  it('is true only for the exact ADMIN_ROLE (default keyward-admin)', async () => {
    const { isAdmin } = await load();
    expect(isAdmin(user({ roles: ['keyward-admin'] }))).toBe(true);
    expect(isAdmin(user({ roles: ['auditor', 'keyward-admin'] }))).toBe(true);
    for (const roles of [[], ['Keyward-Admin'], ['keyward-admin '], ['keyward'], ['admin']]) {
      expect({ roles, admin: isAdmin(user({ roles })) }).toEqual({ roles, admin: false });
    }
  });

  it('follows ADMIN_ROLE', async () => {
    const { isAdmin } = await load({ ADMIN_ROLE: 'security-team' });
    expect(isAdmin(user({ roles: ['security-team'] }))).toBe(true);
    expect(isAdmin(user({ roles: ['keyward-admin'] }))).toBe(false);
  });
});

describe('hasRecentSignIn', () => {
  const NOW_MS = 1_800_000_000_000;
  const NOW = NOW_MS / 1000;

  it('is true up to exactly REAUTH_MAX_AGE seconds after the sign-in, and false a moment later', async () => {
    const { hasRecentSignIn } = await load({ REAUTH_MAX_AGE: '600' });
    expect(hasRecentSignIn(user({ authTime: NOW }), NOW_MS)).toBe(true);
    expect(hasRecentSignIn(user({ authTime: NOW - 599 }), NOW_MS)).toBe(true);
    expect(hasRecentSignIn(user({ authTime: NOW - 600 }), NOW_MS)).toBe(true);
    expect(hasRecentSignIn(user({ authTime: NOW - 600 }), NOW_MS + 1)).toBe(false);
    expect(hasRecentSignIn(user({ authTime: NOW - 601 }), NOW_MS)).toBe(false);
    expect(hasRecentSignIn(user({ authTime: 0 }), NOW_MS)).toBe(false);
  });

  it('is false without an auth_time', async () => {
    const { hasRecentSignIn } = await load();
    expect(hasRecentSignIn(user({ authTime: null }), NOW_MS)).toBe(false);
  });

  it('follows REAUTH_MAX_AGE', async () => {
    const { hasRecentSignIn } = await load({ REAUTH_MAX_AGE: '60' });
    expect(hasRecentSignIn(user({ authTime: NOW - 60 }), NOW_MS)).toBe(true);
    expect(hasRecentSignIn(user({ authTime: NOW - 61 }), NOW_MS)).toBe(false);
    const zero = await load({ REAUTH_MAX_AGE: '0' });
    expect(zero.hasRecentSignIn(user({ authTime: NOW }), NOW_MS)).toBe(true);
    expect(zero.hasRecentSignIn(user({ authTime: NOW - 1 }), NOW_MS)).toBe(false);
  });

  it('defaults to 600 seconds', async () => {
    const { hasRecentSignIn } = await load();
    expect(hasRecentSignIn(user({ authTime: NOW - 600 }), NOW_MS)).toBe(true);
    expect(hasRecentSignIn(user({ authTime: NOW - 601 }), NOW_MS)).toBe(false);
  });

  it('uses the clock when no time is given', async () => {
    const { hasRecentSignIn } = await load({ REAUTH_MAX_AGE: '600' });
    const now = Math.floor(Date.now() / 1000);
    expect(hasRecentSignIn(user({ authTime: now }))).toBe(true);
    expect(hasRecentSignIn(user({ authTime: now - 3600 }))).toBe(false);
  });
});
