import 'server-only';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';
import { withLock } from '@/lib/locks';
import { sharedRedis } from '@/lib/redis/connection';
import { stampWritten } from './lifetime';
import { createRedisSessionStore } from './redis-store';
import { createSealer } from './seal';
import { createSqliteSessionStore } from './sqlite-store';
import type { SessionStore } from './store-types';
import { keepNewestTokens } from './token-guard';

// Sign-ins live on the server; the cookie carries only their id, encrypted. So signing out, or
// Auth0 ending the session (back-channel logout), ends it for every copy of the cookie.

function createStore(): SessionStore {
  const { redisUrl, dataDir, auth0 } = getEnv();
  const sealer = createSealer(auth0.secret);
  return redisUrl
    ? createRedisSessionStore(sharedRedis(redisUrl), sealer)
    : createSqliteSessionStore(join(dataDir, 'sessions.sqlite'), sealer);
}

/**
 * The session store, one per process (lib/core/registry.ts): Redis when REDIS_URL is set (shared
 * by every instance), else the SQLite file in KEYWARD_DATA_DIR. Opened on first use.
 */
export function sessionStore(): SessionStore {
  return processShared('session-store', createStore);
}

/**
 * Writes over an existing session one at a time (across instances when REDIS_URL is set), keeping
 * the newest tokens (./token-guard.ts). The lock is named by a hash: the id is a bearer secret.
 */
function updateKeepingTokens(id: string, session: SessionData): Promise<boolean> {
  const name = `session:${createHash('sha256').update(id).digest('base64url').slice(0, 22)}`;
  return withLock(name, async () => {
    const stored = await sessionStore().get(id);
    if (!stored) return false;
    return sessionStore().update(id, stampWritten(keepNewestTokens(stored, session)));
  });
}

/**
 * A store for nextjs-auth0 that opens the real one only when first called: the Auth0 client is
 * built at import, and the build imports it without ever serving a request.
 */
export const lazySessionStore: SessionStore = {
  get: (id) => sessionStore().get(id),
  // Each write notes its time: a page view rolls the session only when that is long enough ago.
  set: (id, session) => sessionStore().set(id, stampWritten(session)),
  update: updateKeepingTokens,
  delete: (id) => sessionStore().delete(id),
  deleteByLogoutToken: (token) => sessionStore().deleteByLogoutToken(token),
  deleteOtherSessions: (sub, keepSid) => sessionStore().deleteOtherSessions(sub, keepSid),
};

/** Ends every Keyward session made from the Auth0 session `sid` (on any instance sharing the store). */
export function endLocalSessions(sid: string): Promise<void> {
  return sessionStore().deleteByLogoutToken({ sid });
}

/**
 * Ends every Keyward session of `userId` except this browser's (made from `currentSid`): also
 * those whose Auth0 session ended long ago without Auth0 telling Keyward.
 */
export function endOtherLocalSessions(userId: string, currentSid: string): Promise<void> {
  return sessionStore().deleteOtherSessions(userId, currentSid);
}
