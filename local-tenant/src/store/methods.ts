import { randomBytes } from 'node:crypto';
import { nowIso, type TenantDb } from '../db';
import type { UserRecord } from './users';

/** The Management API `UserAuthenticationMethod` object (snake_case, unset fields omitted). */
export interface MethodView {
  id: string;
  type: string;
  created_at: string;
  confirmed?: boolean;
  name?: string;
  key_id?: string;
  public_key?: string;
  aaguid?: string;
  credential_device_type?: string;
  credential_backed_up?: boolean;
  transports?: string[];
  user_agent?: string;
  user_handle?: string;
  relying_party_identifier?: string;
  identity_user_id?: string;
  phone_number?: string;
  email?: string;
  preferred_authentication_method?: string;
  enrolled_at?: string;
  last_auth_at?: string;
}

export interface MethodRow {
  seq: number;
  id: string;
  user_id: string;
  type: string;
  name: string | null;
  key_id: string | null;
  public_key: string | null;
  aaguid: string | null;
  credential_device_type: string | null;
  credential_backed_up: number | null;
  transports: string | null;
  user_agent: string | null;
  user_handle: string | null;
  relying_party_identifier: string | null;
  identity_user_id: string | null;
  totp_secret: string | null;
  phone_number: string | null;
  email: string | null;
  preferred_authentication_method: string | null;
  sign_count: number;
  created_at: string;
  last_auth_at: string | null;
}

export type NewMethod = Partial<Omit<MethodRow, 'seq' | 'id' | 'user_id' | 'sign_count'>> & {
  type: string;
  sign_count?: number;
  transports_list?: string[];
};

/** "Auth0 has a limit of 20 passkeys per user." */
export const MAX_PASSKEYS = 20;

export const PASSKEY_TYPES = ['passkey', 'webauthn-roaming'] as const;

function toView(row: MethodRow): MethodView {
  const view: MethodView = { id: row.id, type: row.type, created_at: row.created_at };
  const copy = [
    'name',
    'key_id',
    'public_key',
    'aaguid',
    'credential_device_type',
    'user_agent',
    'user_handle',
    'relying_party_identifier',
    'identity_user_id',
    'phone_number',
    'email',
    'preferred_authentication_method',
    'last_auth_at',
  ] as const;
  for (const field of copy) {
    const value = row[field];
    if (value !== null) view[field] = value;
  }
  if (row.credential_backed_up !== null) view.credential_backed_up = row.credential_backed_up === 1;
  if (row.transports !== null) view.transports = JSON.parse(row.transports) as string[];
  // Admin-created methods are "confirmed automatically and available immediately".
  if (row.type !== 'passkey') view.confirmed = true;
  if (row.type === 'totp' || row.type === 'webauthn-roaming') view.enrolled_at = row.created_at;
  return view;
}

function passwordMethod(user: UserRecord): MethodView[] {
  if (!user.password_hash || !user.password_method_id) return [];
  const identity = user.identities.find((i) => i.provider === 'auth0');
  return [
    {
      id: user.password_method_id,
      type: 'password',
      created_at: user.password_set_at ?? user.created_at,
      ...(identity ? { identity_user_id: identity.user_id } : {}),
    },
  ];
}

/** Every method of the user, password first, then in creation order. */
export function listMethods(db: TenantDb, user: UserRecord): MethodView[] {
  const rows = db
    .prepare('SELECT * FROM authentication_methods WHERE user_id = ? ORDER BY seq')
    .all(user.user_id) as MethodRow[];
  return [...passwordMethod(user), ...rows.map(toView)];
}

export function getMethodRow(db: TenantDb, userId: string, id: string): MethodRow | undefined {
  return db
    .prepare('SELECT * FROM authentication_methods WHERE user_id = ? AND id = ?')
    .get(userId, id) as MethodRow | undefined;
}

export function getMethod(db: TenantDb, user: UserRecord, id: string): MethodView | undefined {
  const password = passwordMethod(user).find((m) => m.id === id);
  if (password) return password;
  const row = getMethodRow(db, user.user_id, id);
  return row ? toView(row) : undefined;
}

export function keyIdExists(db: TenantDb, keyId: string): boolean {
  return (
    db.prepare('SELECT 1 FROM authentication_methods WHERE key_id = ?').get(keyId) !== undefined
  );
}

export function countMethods(db: TenantDb, userId: string, type: string): number {
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM authentication_methods WHERE user_id = ? AND type = ?')
    .get(userId, type) as { n: number };
  return row.n;
}

export function newMethodId(type: string): string {
  // Auth0 ids look like `passkey|dev_rMJhr6SjnUUcHCxW`.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const suffix = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${type}|dev_${suffix}`;
}

export function insertMethod(db: TenantDb, userId: string, input: NewMethod): MethodView {
  const id = newMethodId(input.type);
  const { transports_list, ...fields } = input;
  const row: Record<string, unknown> = {
    ...fields,
    id,
    user_id: userId,
    created_at: input.created_at ?? nowIso(),
    sign_count: input.sign_count ?? 0,
    transports: transports_list ? JSON.stringify(transports_list) : (input.transports ?? null),
  };
  const columns = Object.keys(row).filter((k) => row[k] !== undefined);
  db.prepare(
    `INSERT INTO authentication_methods (${columns.join(', ')})
     VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(Object.fromEntries(columns.map((c) => [c, row[c]])));
  const stored = getMethodRow(db, userId, id);
  if (!stored) throw new Error('method insert failed');
  return toView(stored);
}

export function updateMethod(
  db: TenantDb,
  userId: string,
  id: string,
  changes: { name?: string; preferred_authentication_method?: string },
): MethodView | undefined {
  const row = getMethodRow(db, userId, id);
  if (!row) return undefined;
  db.prepare(
    `UPDATE authentication_methods SET name = ?, preferred_authentication_method = ?
     WHERE user_id = ? AND id = ?`,
  ).run(
    changes.name ?? row.name,
    changes.preferred_authentication_method ?? row.preferred_authentication_method,
    userId,
    id,
  );
  const updated = getMethodRow(db, userId, id);
  return updated ? toView(updated) : undefined;
}

export function deleteMethod(db: TenantDb, userId: string, id: string): boolean {
  const result = db
    .prepare('DELETE FROM authentication_methods WHERE user_id = ? AND id = ?')
    .run(userId, id);
  return result.changes > 0;
}

/** A passkey or security key by WebAuthn credential id, across all users. */
export function findWebAuthnMethod(db: TenantDb, keyId: string): MethodRow | undefined {
  return db
    .prepare(
      `SELECT * FROM authentication_methods
       WHERE key_id = ? AND type IN ('passkey', 'webauthn-roaming')`,
    )
    .get(keyId) as MethodRow | undefined;
}

export function recordWebAuthnUse(db: TenantDb, id: string, signCount: number): void {
  db.prepare('UPDATE authentication_methods SET last_auth_at = ?, sign_count = ? WHERE id = ?').run(
    nowIso(),
    signCount,
    id,
  );
}
