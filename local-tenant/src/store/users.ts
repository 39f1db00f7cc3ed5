import { randomBytes } from 'node:crypto';
import { DATABASE_CONNECTION } from '../config';
import { nowIso, type TenantDb } from '../db';

export interface IdentityRecord {
  provider: string;
  connection: string;
  user_id: string;
  isSocial: boolean;
}

export interface UserRecord {
  user_id: string;
  email: string;
  email_verified: boolean;
  name: string;
  nickname: string;
  picture: string | null;
  roles: string[];
  password_hash: string | null;
  password_method_id: string | null;
  password_set_at: string | null;
  created_at: string;
  updated_at: string;
  last_login: string | null;
  logins_count: number;
  identities: IdentityRecord[];
}

type UserRow = Omit<UserRecord, 'email_verified' | 'roles' | 'identities'> & {
  email_verified: number;
  roles: string;
};

interface IdentityRow {
  provider: string;
  connection: string;
  identity_user_id: string;
  is_social: number;
}

function hydrate(db: TenantDb, row: UserRow | undefined): UserRecord | undefined {
  if (!row) return undefined;
  const identities = db
    .prepare('SELECT * FROM identities WHERE user_id = ? ORDER BY rowid')
    .all(row.user_id) as IdentityRow[];
  return {
    ...row,
    email_verified: row.email_verified === 1,
    roles: JSON.parse(row.roles) as string[],
    identities: identities.map((i) => ({
      provider: i.provider,
      connection: i.connection,
      user_id: i.identity_user_id,
      isSocial: i.is_social === 1,
    })),
  };
}

export function getUser(db: TenantDb, userId: string): UserRecord | undefined {
  return hydrate(db, db.prepare('SELECT * FROM users WHERE user_id = ?').get(userId) as UserRow);
}

export function findUserByEmail(db: TenantDb, email: string): UserRecord | undefined {
  const row = db.prepare('SELECT * FROM users WHERE email = ?').get(email.trim()) as UserRow;
  return hydrate(db, row);
}

export function usersWithProvider(db: TenantDb, provider: string): UserRecord[] {
  const rows = db
    .prepare(
      `SELECT u.* FROM users u JOIN identities i ON i.user_id = u.user_id
       WHERE i.provider = ? ORDER BY u.email`,
    )
    .all(provider) as UserRow[];
  return rows.flatMap((row) => hydrate(db, row) ?? []);
}

export interface NewUser {
  user_id: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  nickname?: string;
  picture?: string | null;
  roles?: string[];
  password_hash?: string | null;
  provider?: string;
  connection?: string;
  created_at?: string;
}

export function passwordMethodId(): string {
  return `password|${randomBytes(12).toString('base64url')}`;
}

export function insertUser(db: TenantDb, input: NewUser): UserRecord {
  const createdAt = input.created_at ?? nowIso();
  const provider = input.provider ?? 'auth0';
  const localPart = input.email.split('@')[0] ?? input.email;
  const identityUserId = input.user_id.slice(input.user_id.indexOf('|') + 1);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO users (user_id, email, email_verified, name, nickname, picture, roles,
        password_hash, password_method_id, password_set_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.user_id,
      input.email,
      input.email_verified ? 1 : 0,
      input.name ?? input.email,
      input.nickname ?? localPart,
      input.picture ?? null,
      JSON.stringify(input.roles ?? []),
      input.password_hash ?? null,
      input.password_hash ? passwordMethodId() : null,
      input.password_hash ? createdAt : null,
      createdAt,
      createdAt,
    );
    db.prepare(
      `INSERT INTO identities (user_id, provider, connection, identity_user_id, is_social)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(
      input.user_id,
      provider,
      input.connection ?? (provider === 'auth0' ? DATABASE_CONNECTION : provider),
      identityUserId,
      provider === 'auth0' ? 0 : 1,
    );
  })();
  const user = getUser(db, input.user_id);
  if (!user) throw new Error('user insert failed');
  return user;
}

/** Links another identity to an existing user (Auth0 account linking), e.g. a Google account. */
export function linkIdentity(db: TenantDb, userId: string, identity: IdentityRecord): void {
  db.prepare(
    `INSERT INTO identities (user_id, provider, connection, identity_user_id, is_social)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(
    userId,
    identity.provider,
    identity.connection,
    identity.user_id,
    identity.isSocial ? 1 : 0,
  );
}

/** The user's database-connection identity, the only kind an Auth0 passkey can belong to. */
export function databaseIdentity(user: UserRecord): IdentityRecord | undefined {
  return user.identities.find(
    (i) => i.provider === 'auth0' && i.connection === DATABASE_CONNECTION,
  );
}

export function recordLogin(db: TenantDb, userId: string): void {
  db.prepare(
    'UPDATE users SET last_login = ?, logins_count = logins_count + 1 WHERE user_id = ?',
  ).run(nowIso(), userId);
}

/** The Management API `GET /users/{id}` shape. */
export function userView(user: UserRecord): Record<string, unknown> {
  return {
    user_id: user.user_id,
    email: user.email,
    email_verified: user.email_verified,
    name: user.name,
    nickname: user.nickname,
    ...(user.picture ? { picture: user.picture } : {}),
    identities: user.identities,
    app_metadata: { roles: user.roles },
    created_at: user.created_at,
    updated_at: user.updated_at,
    ...(user.last_login ? { last_login: user.last_login } : {}),
    // Auth0 sets it when a password is reset (ticket or mail), not when the user is created.
    ...(user.password_set_at && user.password_set_at !== user.created_at
      ? { last_password_reset: user.password_set_at }
      : {}),
    logins_count: user.logins_count,
  };
}
