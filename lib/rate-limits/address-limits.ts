import 'server-only';
import { getEnv } from '@/lib/env';
import { limiter, take } from './limiter';

/**
 * Per-address limits, a minute each, on what anyone may send without signing in (applied in
 * proxy.ts before any other work). Generous enough for an office or school behind one NAT
 * signing in at nine; a script gets 429 long before it costs the tenant or the stores anything.
 * ROUTE_LIMIT_SCALE multiplies them like the route limits.
 */
export const ADDRESS_LIMITS = {
  /** GET /auth/login: each sign-in starts here once (twice with a retry). */
  login: 120,
  /** GET /auth/callback: one per sign-in. */
  callback: 120,
  /** POST /auth/backchannel-logout: Auth0 sends these from a few addresses for every user. */
  backchannelLogout: 600,
  /** POST /embed/session: one per embedded sign-in. */
  embedSession: 60,
} as const satisfies Record<string, number>;

export type AddressLimitName = keyof typeof ADDRESS_LIMITS;

/** Counts one request from `ip`; null when allowed, else whole seconds until it would be. */
export async function takeAddressLimit(name: AddressLimitName, ip: string): Promise<number | null> {
  const points = Math.max(1, Math.round(ADDRESS_LIMITS[name] * getEnv().routeLimitScale));
  const wait = await take(limiter(`address:${name}`, { points, durationSeconds: 60 }), ip);
  return wait === null ? null : Math.max(1, Math.ceil(wait / 1000));
}
