import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogoutToken, SessionData } from '@auth0/nextjs-auth0/types';
import Database from 'better-sqlite3';
import { expiresAtMs } from './lifetime';
import type { Sealer } from './seal';
import type { SessionStore } from './store-types';

// The embedded store: one SQLite file, so sign-ins survive a restart without any service to run.
// Several processes on one machine may share the file (WAL mode); instances on several machines
// need Redis instead (REDIS_URL).

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  sid TEXT,
  sub TEXT NOT NULL,
  data TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_sid ON sessions (sid);
CREATE INDEX IF NOT EXISTS sessions_sub ON sessions (sub);
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
`;

/** Expired rows are dropped at most this often, on a write. */
const PURGE_EVERY_MS = 10 * 60 * 1000;

type Row = { data: string };

export function createSqliteSessionStore(
  path: string,
  sealer: Sealer,
  now: () => number = Date.now,
): SessionStore & { close(): void } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);

  const select = db.prepare<[string, number], Row>(
    'SELECT data FROM sessions WHERE id = ? AND expires_at > ?',
  );
  const upsert = db.prepare(
    `INSERT INTO sessions (id, sid, sub, data, expires_at) VALUES (@id, @sid, @sub, @data, @expiresAt)
     ON CONFLICT (id) DO UPDATE SET sid = @sid, sub = @sub, data = @data, expires_at = @expiresAt`,
  );
  const updateLive = db.prepare(
    `UPDATE sessions SET sid = @sid, sub = @sub, data = @data, expires_at = @expiresAt
     WHERE id = @id AND expires_at > @now`,
  );
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  const removeBySid = db.prepare('DELETE FROM sessions WHERE sid = ?');
  const removeBySidAndSub = db.prepare('DELETE FROM sessions WHERE sid = ? AND sub = ?');
  const removeBySub = db.prepare('DELETE FROM sessions WHERE sub = ?');
  const removeOthers = db.prepare(
    'DELETE FROM sessions WHERE sub = ? AND (sid IS NULL OR sid <> ?)',
  );
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  let lastPurge = 0;
  const purgeNowAndThen = () => {
    if (now() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now();
    purge.run(now());
  };

  const row = (id: string, session: SessionData) => ({
    id,
    sid: session.internal.sid || null,
    sub: session.user.sub,
    data: sealer.seal(id, JSON.stringify(session)),
    expiresAt: expiresAtMs(session, now()),
  });

  return {
    async get(id) {
      const found = select.get(id, now());
      const text = found ? sealer.open(id, found.data) : null;
      return text ? (JSON.parse(text) as SessionData) : null;
    },
    async set(id, session) {
      upsert.run(row(id, session));
      purgeNowAndThen();
    },
    async update(id, session) {
      return updateLive.run({ ...row(id, session), now: now() }).changes > 0;
    },
    async delete(id) {
      remove.run(id);
    },
    async deleteByLogoutToken({ sid, sub }: LogoutToken) {
      if (sid && sub) removeBySidAndSub.run(sid, sub);
      else if (sid) removeBySid.run(sid);
      else if (sub) removeBySub.run(sub);
    },
    async deleteOtherSessions(sub, keepSid) {
      removeOthers.run(sub, keepSid);
    },
    close: () => db.close(),
  };
}
