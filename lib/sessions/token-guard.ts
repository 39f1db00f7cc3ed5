import 'server-only';
import { createHash } from 'node:crypto';
import type { AccessTokenSet, SessionData } from '@auth0/nextjs-auth0/types';

// Auth0 rotates the refresh token on every use and treats a second use of a rotated one as theft:
// it revokes the whole token family, and the person must sign in again. nextjs-auth0 writes the
// whole session back on every change, from what that request read. So a page load that rolls the
// session, racing a request that just refreshed a token, would write the old refresh token back
// over the new one, and the next refresh would be a reuse. Each write therefore keeps the newest
// tokens: a write still carrying a refresh token that an earlier write replaced keeps the stored
// tokens instead of its own.

/** How many replaced refresh tokens a session remembers (as hashes). A racing write is seconds old. */
const RETIRED_KEPT = 8;
const RETIRED = 'keywardRetiredRefreshTokens';

const fingerprint = (token: string) =>
  createHash('sha256').update(token).digest('base64url').slice(0, 22);

const retiredOf = (session: SessionData): string[] =>
  Array.isArray(session[RETIRED]) ? (session[RETIRED] as string[]) : [];

/** Per audience and scope, the token that expires last: the one fetched last. */
function newestAccessTokens(a: AccessTokenSet[] = [], b: AccessTokenSet[] = []): AccessTokenSet[] {
  const byKey = new Map<string, AccessTokenSet>();
  for (const token of [...a, ...b]) {
    const key = `${token.audience} ${token.requestedScope ?? token.scope ?? ''}`;
    const known = byKey.get(key);
    if (!known || token.expiresAt > known.expiresAt) byKey.set(key, token);
  }
  return [...byKey.values()];
}

/** What to store when `incoming` is written over `stored`. */
export function keepNewestTokens(stored: SessionData, incoming: SessionData): SessionData {
  const storedRefresh = stored.tokenSet.refreshToken;
  const incomingRefresh = incoming.tokenSet.refreshToken;
  const retired = new Set([...retiredOf(stored), ...retiredOf(incoming)]);
  let tokenSet = incoming.tokenSet;
  if (storedRefresh && incomingRefresh && storedRefresh !== incomingRefresh) {
    if (retired.has(fingerprint(incomingRefresh))) {
      tokenSet = stored.tokenSet; // a stale write: the stored refresh token replaced this one
    } else {
      retired.add(fingerprint(storedRefresh)); // a refresh: the stored token is now spent
    }
  }
  const accessTokens = newestAccessTokens(stored.accessTokens, incoming.accessTokens);
  return {
    ...incoming,
    tokenSet,
    ...(accessTokens.length ? { accessTokens } : {}),
    [RETIRED]: [...retired].slice(-RETIRED_KEPT),
  };
}
