import { generateKeyPairSync, type JsonWebKey, randomBytes } from 'node:crypto';
import { nowIso, type TenantDb } from '../db';
import { selfSignedCertificate } from './certificate';

export type SigningKeyState = 'next' | 'current' | 'previous' | 'revoked';

interface SigningKeyRow {
  kid: string;
  private_jwk: string;
  cert: string;
  fingerprint: string;
  thumbprint: string;
  x5t: string;
  state: SigningKeyState;
  current_since: string | null;
  current_until: string | null;
  revoked_at: string | null;
  pkcs7: string | null;
}

/** The Management API's `SigningKeys` object. */
export interface SigningKeyView {
  kid: string;
  cert: string;
  pkcs7?: string;
  fingerprint: string;
  thumbprint: string;
  current: boolean;
  next: boolean;
  previous: boolean;
  revoked: boolean;
  current_since?: string;
  current_until?: string;
  revoked_at?: string;
}

export interface PublicJwk {
  kty: string;
  use: 'sig';
  alg: 'RS256';
  kid: string;
  n: string;
  e: string;
  x5t: string;
  x5c: string[];
}

export class SigningKeyError extends Error {
  constructor(
    readonly status: 403 | 404,
    message: string,
    readonly errorCode: string,
  ) {
    super(message);
  }
}

/** Generates an RSA-2048 key and its self-signed certificate, and stores it in `state`. */
export function createSigningKey(db: TenantDb, state: SigningKeyState, commonName: string): string {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(16).toString('base64url');
  const cert = selfSignedCertificate(commonName, publicKey, privateKey);
  const now = nowIso();
  db.prepare(
    `INSERT INTO signing_keys (kid, private_jwk, cert, pkcs7, fingerprint, thumbprint, x5t, state,
       current_since, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    kid,
    JSON.stringify(privateKey.export({ format: 'jwk' })),
    cert.pem,
    cert.pkcs7,
    cert.fingerprint,
    cert.thumbprint,
    cert.x5t,
    state,
    state === 'current' ? now : null,
    now,
  );
  return kid;
}

function rows(db: TenantDb): SigningKeyRow[] {
  return db.prepare('SELECT * FROM signing_keys ORDER BY seq').all() as SigningKeyRow[];
}

function toView(row: SigningKeyRow): SigningKeyView {
  return {
    kid: row.kid,
    cert: row.cert,
    ...(row.pkcs7 ? { pkcs7: row.pkcs7 } : {}),
    fingerprint: row.fingerprint,
    thumbprint: row.thumbprint,
    current: row.state === 'current',
    next: row.state === 'next',
    // Auth0 keeps `previous` on a revoked key: it was used before being revoked.
    previous: row.state === 'previous' || (row.state === 'revoked' && row.current_since !== null),
    revoked: row.state === 'revoked',
    ...(row.current_since ? { current_since: row.current_since } : {}),
    ...(row.current_until ? { current_until: row.current_until } : {}),
    ...(row.revoked_at ? { revoked_at: row.revoked_at } : {}),
  };
}

export function listSigningKeys(db: TenantDb): SigningKeyView[] {
  return rows(db).map(toView);
}

export function getSigningKey(db: TenantDb, kid: string): SigningKeyView {
  const row = rows(db).find((r) => r.kid === kid);
  if (!row) throw new SigningKeyError(404, 'Signing key not found.', 'signing_key_not_found');
  return toView(row);
}

/** Auth0: "Rotations are limited to 5 a day on every plan." */
export const ROTATIONS_PER_DAY = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When another rotation will be allowed (epoch ms), or null if one is allowed now. Each rotation
 * ends one key's time as current, so the rotations of the last day are the keys whose
 * `current_until` falls within it.
 */
export function nextRotationAllowedAt(db: TenantDb, now = Date.now()): number | null {
  const recent = db
    .prepare<[string], { current_until: string }>(
      'SELECT current_until FROM signing_keys WHERE current_until > ? ORDER BY current_until',
    )
    .all(new Date(now - DAY_MS).toISOString());
  const oldest = recent[0];
  if (recent.length < ROTATIONS_PER_DAY || !oldest) return null;
  return Date.parse(oldest.current_until) + DAY_MS;
}

/**
 * next → current, current → previous, and a fresh next. Returns the new next key, which is what
 * Auth0's rotate answers ("201 {cert, kid}: the next key").
 */
export function rotateSigningKeys(db: TenantDb, commonName: string): SigningKeyView {
  const now = nowIso();
  const rotate = db.transaction((): string => {
    db.prepare(
      "UPDATE signing_keys SET state = 'previous', current_until = ? WHERE state = 'current'",
    ).run(now);
    const promoted = db
      .prepare("UPDATE signing_keys SET state = 'current', current_since = ? WHERE state = 'next'")
      .run(now);
    // A database without a next key (never seeded that way, but be safe) gets a current one.
    if (promoted.changes === 0) createSigningKey(db, 'current', commonName);
    return createSigningKey(db, 'next', commonName);
  });
  return getSigningKey(db, rotate());
}

/**
 * Auth0: "You can only revoke the previously used signing key." The current, the next and an
 * already revoked key are refused with 403: the revoke call documents only 200, 401, 403, 404
 * and 429, and 404 says the key does not exist. Which status Auth0 really sends is the contract
 * question Q4; Keyward reads 400, 403 (not about a scope) and 409 alike.
 */
export function revokeSigningKey(db: TenantDb, kid: string): SigningKeyView {
  const row = rows(db).find((r) => r.kid === kid);
  if (!row) throw new SigningKeyError(404, 'Signing key not found.', 'signing_key_not_found');
  if (row.state === 'revoked') {
    throw new SigningKeyError(403, 'The signing key has already been revoked.', 'already_revoked');
  }
  if (row.state !== 'previous') {
    throw new SigningKeyError(
      403,
      'Only the previously used signing key can be revoked.',
      'invalid_signing_key_state',
    );
  }
  db.prepare("UPDATE signing_keys SET state = 'revoked', revoked_at = ? WHERE kid = ?").run(
    nowIso(),
    kid,
  );
  return getSigningKey(db, kid);
}

/** Private JWKs for oidc-provider: current first (it signs with the first match), never revoked. */
export function providerKeys(db: TenantDb): JsonWebKey[] {
  const order: SigningKeyState[] = ['current', 'next', 'previous'];
  return rows(db)
    .filter((r) => r.state !== 'revoked')
    .sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state))
    .map((r) => ({
      ...(JSON.parse(r.private_jwk) as JsonWebKey),
      kid: r.kid,
      alg: 'RS256',
      use: 'sig',
    }));
}

/** The public JWKS as Auth0 publishes it: current, next and not-yet-revoked previous keys. */
export function publicJwks(db: TenantDb): { keys: PublicJwk[] } {
  const byKid = new Map(rows(db).map((r) => [r.kid, r]));
  return {
    keys: providerKeys(db).map((jwk) => {
      const row = byKid.get(String(jwk.kid));
      const der = (row?.cert ?? '').replace(/-----[A-Z ]+-----|\s/g, '');
      return {
        kty: 'RSA',
        use: 'sig',
        alg: 'RS256',
        kid: String(jwk.kid),
        n: String(jwk.n),
        e: String(jwk.e),
        x5t: row?.x5t ?? '',
        x5c: [der],
      };
    }),
  };
}

/** A version stamp that changes whenever the key set changes, so the provider can be rebuilt. */
export function keysVersion(db: TenantDb): string {
  return rows(db)
    .map((r) => `${r.kid}:${r.state}`)
    .join(',');
}
