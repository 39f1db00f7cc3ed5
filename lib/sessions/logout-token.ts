import { createHash } from 'node:crypto';
import { type CryptoKey, errors, type JWTPayload, jwtVerify, type KeyObject } from 'jose';

// Auth0's back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0, section 2.6),
// checked in full before any session ends. nextjs-auth0 checks them too, but a bad signature, a
// wrong audience or issuer, or an unsigned token makes it throw rather than answer, and it keeps
// no record of the tokens it accepted. Here every refusal is a 400 and a token works once.

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** How old a token may be. Auth0 sends it the moment the session ends, and sets exp two minutes on. */
export const LOGOUT_TOKEN_MAX_AGE_SECONDS = 300;
/** Clock difference tolerated between Auth0 and this server. */
export const LOGOUT_TOKEN_CLOCK_SKEW_SECONDS = 60;

export type LogoutClaims = { sid?: string; sub?: string; iss: string };

export type LogoutTokenCheck =
  | { ok: true; claims: LogoutClaims; replayKey: string; replayTtlMs: number }
  | { ok: false; reason: 'invalid' | 'unreachable'; detail: string };

type KeyGetter = Parameters<typeof jwtVerify>[1] &
  ((...args: never[]) => Promise<CryptoKey | KeyObject | Uint8Array>);

/** The tenant's keys could not be fetched: the tenant's fault, not the sender's. */
export class KeysUnavailableError extends Error {}

// What the key lookup may throw because of the token itself (an unknown kid, an algorithm no key
// has). Anything else (a timeout, a refused connection, junk instead of a key set) means the
// tenant could not be asked.
const TOKEN_FAULTS = [
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSENotSupported,
];

/** Wraps a JWKS getter (jose's createRemoteJWKSet) so a failed fetch is told apart from a bad token. */
export function tellingUnreachable<G extends (...args: never[]) => Promise<unknown>>(getKey: G): G {
  return (async (...args: Parameters<G>) => {
    try {
      return await getKey(...args);
    } catch (error) {
      if (TOKEN_FAULTS.some((fault) => error instanceof fault)) throw error;
      throw new KeysUnavailableError(error instanceof Error ? error.name : 'unknown');
    }
  }) as G;
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url');
const invalid = (detail: string): LogoutTokenCheck => ({ ok: false, reason: 'invalid', detail });
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function claimsCheck(payload: JWTPayload): string | null {
  const { sid, sub, events, nonce } = payload as JWTPayload & Record<string, unknown>;
  if (sid === undefined && sub === undefined) return 'neither sid nor sub';
  if (sid !== undefined && (typeof sid !== 'string' || sid === '')) return 'sid is not a string';
  if (sub !== undefined && (typeof sub !== 'string' || sub === '')) return 'sub is not a string';
  // A nonce would make it an ID token, which must never be accepted as a logout token.
  if (nonce !== undefined) return 'nonce present';
  if (!isObject(events) || !isObject(events[BACKCHANNEL_LOGOUT_EVENT])) return 'no logout event';
  if (payload.jti !== undefined && (typeof payload.jti !== 'string' || payload.jti === '')) {
    return 'jti is not a string';
  }
  return null;
}

/**
 * Checks a logout token: RS256 signature by a key of the tenant, `iss` and `aud`, `iat` within
 * LOGOUT_TOKEN_MAX_AGE_SECONDS (and not ahead), `exp` if present, `sid` or `sub`, the logout event,
 * no `nonce`. On success, the key that remembers it (`jti`, else `sid`/`sub` and `iat`) and for
 * how long it could still be accepted.
 */
export async function checkLogoutToken(
  token: string,
  expected: { issuer: string; clientId: string },
  getKey: KeyGetter,
  now: () => number = Date.now,
): Promise<LogoutTokenCheck> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, getKey, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ['RS256'],
      requiredClaims: ['iat'],
      maxTokenAge: LOGOUT_TOKEN_MAX_AGE_SECONDS,
      clockTolerance: LOGOUT_TOKEN_CLOCK_SKEW_SECONDS,
      currentDate: new Date(now()),
    }));
  } catch (error) {
    if (error instanceof KeysUnavailableError) {
      return { ok: false, reason: 'unreachable', detail: error.message };
    }
    return invalid(error instanceof errors.JOSEError ? error.code : 'malformed');
  }
  const wrong = claimsCheck(payload);
  if (wrong) return invalid(wrong);
  const {
    sid,
    sub,
    iat = 0,
    exp,
    jti,
    iss = expected.issuer,
  } = payload as JWTPayload & {
    sid?: string;
    sub?: string;
  };
  const acceptedUntil =
    Math.max(iat + LOGOUT_TOKEN_MAX_AGE_SECONDS, exp ?? 0) + LOGOUT_TOKEN_CLOCK_SKEW_SECONDS;
  return {
    ok: true,
    claims: { ...(sid ? { sid } : {}), ...(sub ? { sub } : {}), iss },
    replayKey: `logout-token:${hash(jti ? `jti:${iss}:${jti}` : `sid:${iss}:${sid ?? ''}:${sub ?? ''}:${iat}`)}`,
    replayTtlMs: Math.max(1000, acceptedUntil * 1000 - now()),
  };
}
