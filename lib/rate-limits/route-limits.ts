import 'server-only';
import { ApiError } from '@/lib/core/errors';
import { getEnv } from '@/lib/env';
import { limiter, take } from './limiter';

/**
 * Per-user and per-IP limits on the routes that cost Management API calls. A person never comes
 * near them; a script flooding one account, or many accounts from one address, does, and then
 * gets 429 instead of spending the tenant's shared quota (2 requests/s on Auth0's Free plan).
 */
export const ROUTE_LIMITS = {
  /** The list and the Signal API data. */
  read: { user: 60, ip: 600 },
  /** Starting and finishing a passkey or security key. */
  enrol: { user: 20, ip: 60 },
  /** Rename and remove. */
  change: { user: 30, ip: 120 },
  /** Rotate and revoke signing keys. */
  admin: { user: 10, ip: 30 },
} as const satisfies Record<string, { user: number; ip: number }>;

export type LimitName = keyof typeof ROUTE_LIMITS;

const PER_MINUTE = 60;

function tooMany(ms: number): ApiError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new ApiError(
    429,
    'rate_limited',
    `You’re doing that too often. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
    { 'retry-after': String(seconds) },
  );
}

/** Counts one request against the user's and the address's budget; 429 when either is spent. */
export async function enforceRouteLimit(name: LimitName, userId: string, ip: string) {
  const { user, ip: perIp } = ROUTE_LIMITS[name];
  const scale = getEnv().routeLimitScale;
  const points = (n: number) => Math.max(1, Math.round(n * scale));
  const [byUser, byIp] = await Promise.all([
    take(limiter(`${name}:user`, { points: points(user), durationSeconds: PER_MINUTE }), userId),
    take(limiter(`${name}:ip`, { points: points(perIp), durationSeconds: PER_MINUTE }), ip),
  ]);
  const wait = Math.max(byUser ?? 0, byIp ?? 0);
  if (wait > 0) throw tooMany(wait);
}
