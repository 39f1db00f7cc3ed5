import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth0 } from '@/lib/auth0';
import { getEnv } from '@/lib/env';
import { type Account, accountFromSession, SESSION_ACCOUNT_KEY } from '@/lib/factors/account';

export type SessionUser = {
  /** Auth0 user id (`sub`). The only user id the app ever acts on. */
  userId: string;
  email: string | null;
  name: string | null;
  /** Seconds since epoch of the last real sign-in at the tenant, from the ID token. */
  authTime: number | null;
  roles: string[];
  /** Identities and email as read at sign-in (lib/factors/account.ts); absent if that read failed. */
  account?: Account;
};

function toSessionUser(user: Record<string, unknown>): SessionUser | null {
  const { rolesClaim } = getEnv().admin;
  if (typeof user.sub !== 'string' || user.sub === '') return null;
  const roles = user[rolesClaim];
  return {
    userId: user.sub,
    email: typeof user.email === 'string' ? user.email : null,
    name: typeof user.name === 'string' ? user.name : null,
    authTime: typeof user.auth_time === 'number' ? user.auth_time : null,
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
  };
}

/**
 * The request's session, read and decrypted once per request (React's per-request cache): the
 * layout, the page and a route handler's own reads (the user, the current `sid`) share it.
 */
export const readSession = cache(() => auth0.getSession());

/** The signed-in user, or null. Cached per request so pages and layouts share one cookie read. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await readSession();
  const user = session ? toSessionUser(session.user) : null;
  const account = accountFromSession(session?.[SESSION_ACCOUNT_KEY]);
  return user && account ? { ...user, account } : user;
});

/** For pages: the signed-in user, or a redirect to sign in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  return user;
}

export function isAdmin(user: SessionUser): boolean {
  return user.roles.includes(getEnv().admin.role);
}

/** True when the user signed in at the tenant within REAUTH_MAX_AGE seconds. */
export function hasRecentSignIn(user: SessionUser, nowMs = Date.now()): boolean {
  if (user.authTime === null) return false;
  return nowMs / 1000 - user.authTime <= getEnv().reauthMaxAgeSeconds;
}
