import { APP_CLIENT_ID } from './config';
import type { TenantDb } from './db';
import { nowIso, SEED_VERSION } from './db';
import { createSigningKey } from './keys/signing-keys';
import { hashPassword } from './login/passwords';
import { DATABASE_LOGIN, recordLog } from './logs/events';
import {
  cosePublicKey,
  DEMO_USERS,
  type DemoUser,
  SEEDED_CREDENTIALS,
  SEEDED_LOG_EVENTS,
  SEEDED_RP_ID,
  SEEDED_TOTP_SECRET,
} from './seed-data';
import { insertMethod } from './store/methods';
import { insertUser, linkIdentity } from './store/users';

export * from './seed-data';

const DAY_MS = 24 * 60 * 60 * 1000;

function daysAgo(now: number, days: number): string {
  return new Date(now - days * DAY_MS).toISOString();
}

export interface SeedOptions {
  /** Replace the signing keys too (always done when there are none). */
  keys?: boolean;
  /** Common name for generated signing-key certificates. */
  keyCommonName?: string;
}

/** Restores users and methods to the demo data (and signing keys when asked or missing). */
export async function seedDatabase(db: TenantDb, options: SeedOptions = {}): Promise<void> {
  const now = Date.now();
  // Hash before the transaction: better-sqlite3 transactions must be synchronous.
  const hashes = new Map<string, string>();
  for (const user of Object.values(DEMO_USERS)) {
    if (user.password) hashes.set(user.user_id, await hashPassword(user.password));
  }
  const hasKeys = db.prepare('SELECT 1 FROM signing_keys LIMIT 1').get() !== undefined;
  const replaceKeys = options.keys === true || !hasKeys;

  db.transaction(() => {
    db.prepare('DELETE FROM authentication_methods').run();
    db.prepare('DELETE FROM log_events').run();
    db.prepare('DELETE FROM identities').run();
    db.prepare('DELETE FROM users').run();
    // Restart method ordering so a reseeded tenant lists methods exactly like a fresh one.
    db.prepare("DELETE FROM sqlite_sequence WHERE name = 'authentication_methods'").run();

    for (const [index, user] of Object.values(DEMO_USERS).entries()) {
      insertUser(db, {
        user_id: user.user_id,
        email: user.email,
        email_verified: true,
        name: user.name,
        nickname: user.nickname,
        roles: [...user.roles],
        password_hash: hashes.get(user.user_id) ?? null,
        provider: user.provider,
        created_at: daysAgo(now, 200 - index),
      });
      const linked: DemoUser['linked'] = 'linked' in user ? user.linked : undefined;
      for (const identity of linked ?? []) {
        linkIdentity(db, user.user_id, {
          provider: identity.provider,
          connection: identity.provider,
          user_id: identity.user_id,
          isSocial: true,
        });
      }
    }

    for (const credential of SEEDED_CREDENTIALS) {
      const common = {
        type: credential.type,
        name: credential.name,
        key_id: credential.keyId,
        public_key: cosePublicKey(credential.privateKeyPkcs8),
        created_at: daysAgo(now, credential.createdDaysAgo),
        last_auth_at:
          credential.lastAuthDaysAgo === null ? null : daysAgo(now, credential.lastAuthDaysAgo),
      };
      // A security key carries only Auth0's security-key fields; the rest are passkey-only.
      const fields =
        credential.type === 'webauthn-roaming'
          ? { ...common, relying_party_identifier: SEEDED_RP_ID }
          : {
              ...common,
              aaguid: credential.aaguid,
              credential_device_type: credential.deviceType,
              credential_backed_up: credential.backedUp ? 1 : 0,
              transports_list: credential.transports ?? undefined,
              user_agent: credential.userAgent,
              user_handle: credential.userHandle,
              // Auth0 lists a passkey's RP ID too ("applies to webauthn/passkey methods").
              relying_party_identifier: SEEDED_RP_ID,
              identity_user_id: credential.userId.slice(credential.userId.indexOf('|') + 1),
            };
      insertMethod(db, credential.userId, fields);
    }

    insertMethod(db, DEMO_USERS.alice.user_id, {
      type: 'totp',
      totp_secret: SEEDED_TOTP_SECRET,
      created_at: daysAgo(now, 150),
    });

    for (const event of SEEDED_LOG_EVENTS) {
      recordLog(db, {
        type: event.type,
        description: event.type === 's' ? 'Successful login' : 'Wrong email or password.',
        date: new Date(now - event.minutesAgo * 60_000).toISOString(),
        ip: event.ip,
        userAgentHeader: event.userAgent,
        user_id: event.userId,
        user_name: Object.values(DEMO_USERS).find((u) => u.user_id === event.userId)?.email,
        client_id: APP_CLIENT_ID,
        client_name: 'Keyward',
        ...DATABASE_LOGIN,
        details: {},
      });
    }

    if (replaceKeys) {
      db.prepare('DELETE FROM signing_keys').run();
      const commonName = options.keyCommonName ?? 'localhost';
      createSigningKey(db, 'current', commonName);
      createSigningKey(db, 'next', commonName);
    }

    const setMeta = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    setMeta.run('seeded_at', nowIso());
    setMeta.run('seed_version', SEED_VERSION);
  })();
}
