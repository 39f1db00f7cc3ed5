import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { INBOX_SCHEMA } from './mail/inbox';

export type TenantDb = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  user_id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email_verified INTEGER NOT NULL DEFAULT 0,
  name TEXT NOT NULL,
  nickname TEXT NOT NULL,
  picture TEXT,
  roles TEXT NOT NULL DEFAULT '[]',
  password_hash TEXT,
  password_method_id TEXT,
  password_set_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login TEXT,
  logins_count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS identities (
  user_id TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
  provider TEXT NOT NULL,
  connection TEXT NOT NULL,
  identity_user_id TEXT NOT NULL,
  is_social INTEGER NOT NULL,
  PRIMARY KEY (provider, identity_user_id)
);
CREATE TABLE IF NOT EXISTS authentication_methods (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  name TEXT,
  -- Credential ids are unique across the tenant: a second user must not claim someone's passkey.
  key_id TEXT UNIQUE,
  public_key TEXT,
  aaguid TEXT,
  credential_device_type TEXT,
  credential_backed_up INTEGER,
  transports TEXT,
  user_agent TEXT,
  user_handle TEXT,
  relying_party_identifier TEXT,
  identity_user_id TEXT,
  totp_secret TEXT,
  phone_number TEXT,
  email TEXT,
  preferred_authentication_method TEXT,
  sign_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  last_auth_at TEXT
);
CREATE INDEX IF NOT EXISTS authentication_methods_user ON authentication_methods(user_id, seq);
CREATE TABLE IF NOT EXISTS signing_keys (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kid TEXT NOT NULL UNIQUE,
  private_jwk TEXT NOT NULL,
  cert TEXT NOT NULL,
  pkcs7 TEXT,
  fingerprint TEXT NOT NULL,
  thumbprint TEXT NOT NULL,
  x5t TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('next', 'current', 'previous', 'revoked')),
  current_since TEXT,
  current_until TEXT,
  revoked_at TEXT,
  created_at TEXT NOT NULL
);
-- Auth0-shaped log events (the Management API's /users/{id}/logs), kept with the rest of the
-- state; the event column holds the whole JSON event as served.
CREATE TABLE IF NOT EXISTS log_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  log_id TEXT NOT NULL UNIQUE,
  user_id TEXT,
  date TEXT NOT NULL,
  event TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_events_user ON log_events(user_id, date);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Password-reset links: only a hash of each token is kept; single use, expiring.
CREATE TABLE IF NOT EXISTS password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
-- Where a Management API password-change ticket sends the person afterwards (its result_url).
CREATE TABLE IF NOT EXISTS password_reset_results (
  token_hash TEXT PRIMARY KEY REFERENCES password_resets(token_hash) ON DELETE CASCADE,
  result_url TEXT NOT NULL
);
${INBOX_SCHEMA}`;

/** Opens (creating if needed) the tenant database. WAL keeps readers and the writer apart. */
export function openDatabase(path: string): TenantDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  return db;
}

/**
 * Bumped whenever the demo data changes shape (v2: carol Google-only, dana added, Auth0's
 * security-key fields; v4: log events), so a database seeded by an older version is re-seeded at
 * start.
 */
export const SEED_VERSION = '4';

/** Whether the database holds the current version of the demo data. */
export function isSeeded(db: TenantDb): boolean {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'seed_version'").get() as
    | { value: string }
    | undefined;
  return row?.value === SEED_VERSION;
}

export function nowIso(): string {
  return new Date().toISOString();
}
