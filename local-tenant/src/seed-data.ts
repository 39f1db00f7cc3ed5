// The demo tenant's fixed data. Pure constants (no database, no I/O) so e2e tests and the app's
// tests can import them cheaply. The P-256 private keys below belong to this demo tenant only:
// they exist so automated tests can sign in with the seeded passkeys.

import { createPrivateKey, createPublicKey } from 'node:crypto';

export const DEMO_PASSWORD = 'Passw0rd!';
export const ADMIN_ROLE = 'keyward-admin';

/** A social identity linked to a user's primary one (Auth0 account linking). */
export interface LinkedIdentity {
  provider: 'google-oauth2';
  /** The identity's user id at the provider, without the `provider|` prefix. */
  user_id: string;
}

export interface DemoUser {
  user_id: string;
  email: string;
  name: string;
  nickname: string;
  /** The primary identity's provider: `auth0` = the database connection. */
  provider: 'auth0' | 'google-oauth2';
  password: string | null;
  roles: string[];
  linked?: readonly LinkedIdentity[];
}

export const DEMO_USERS = {
  alice: {
    user_id: 'auth0|alice',
    email: 'alice@example.com',
    name: 'Alice Example',
    nickname: 'alice',
    provider: 'auth0',
    password: DEMO_PASSWORD,
    roles: [],
  },
  bob: {
    user_id: 'auth0|bob',
    email: 'bob@example.com',
    name: 'Bob Example',
    nickname: 'bob',
    provider: 'auth0',
    password: null,
    roles: [],
  },
  // Google only: no database identity, so no password and no passkey (Auth0 passkeys belong to
  // database connections).
  carol: {
    user_id: 'google-oauth2|carol',
    email: 'carol@example.com',
    name: 'Carol Example',
    nickname: 'carol',
    provider: 'google-oauth2',
    password: null,
    roles: [],
  },
  // A database user without a password: one passkey, plus a linked Google identity as fallback.
  dana: {
    user_id: 'auth0|dana',
    email: 'dana@example.com',
    name: 'Dana Example',
    nickname: 'dana',
    provider: 'auth0',
    password: null,
    roles: [],
    linked: [{ provider: 'google-oauth2', user_id: 'dana' }],
  },
  admin: {
    user_id: 'auth0|admin',
    email: 'admin@example.com',
    name: 'Admin Example',
    nickname: 'admin',
    provider: 'auth0',
    password: DEMO_PASSWORD,
    roles: [ADMIN_ROLE],
  },
} as const satisfies Record<string, DemoUser>;

export const AAGUID = {
  googlePasswordManager: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
  yubiKey5: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
  bitwarden: 'd548826e-79b4-db40-a3d8-11116f7e8349',
  iCloudKeychain: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
  zero: '00000000-0000-0000-0000-000000000000',
} as const;

/** Raw browser User-Agent headers (what a browser sends; Auth0 stores a summary, see below). */
export const USER_AGENTS = {
  chromeMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
} as const;

/**
 * Passkeys' `user_agent` as Auth0 stores it: "browser version / OS version", e.g. the My Account
 * API's own example "Chrome 131.0.0 / Mac OS X 10.15.7".
 */
export const USER_AGENT_SUMMARIES = {
  chromeMac: 'Chrome 131.0.0 / Mac OS X 10.15.7',
  chromeWindows: 'Chrome 131.0.0 / Windows 10',
  firefoxWindows: 'Firefox 133.0 / Windows 10',
  safariIphone: 'Safari 17.4 / iOS 17.4',
} as const;

export const SEEDED_RP_ID = 'localhost';

/**
 * A seeded WebAuthn credential with its private key, so tests can act as its authenticator.
 * A `webauthn-roaming` security key is stored with Auth0's security-key fields only (name, key_id,
 * public_key, relying_party_identifier); its other fields describe the authenticator for tests.
 */
export interface SeededWebAuthnCredential {
  /** Stable handle for tests; not the Auth0 method id (that is random per seed). */
  ref: string;
  userId: string;
  type: 'passkey' | 'webauthn-roaming';
  /** WebAuthn credential id, base64url (Auth0's `key_id`). */
  keyId: string;
  /** PKCS#8 DER, base64. */
  privateKeyPkcs8: string;
  /** base64url; shared by one user's passkeys. */
  userHandle: string;
  aaguid: string;
  deviceType: 'single_device' | 'multi_device';
  backedUp: boolean;
  /** Auth0's summary form (USER_AGENT_SUMMARIES), not a raw header. */
  userAgent: string | null;
  transports: string[] | null;
  name: string | null;
  /** Days before seeding that it was created / last used (null = never used). */
  createdDaysAgo: number;
  lastAuthDaysAgo: number | null;
}

const HANDLES = {
  // Random, free of personal data (as a relying party may choose).
  alice: 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY',
  bob: '8GbpUsE_Eeyp8clGygmsonoh5LNPCUpT69AUFP93EoE',
  // base64url('auth0|dana'): how the My Account API encodes the user id in passkeys it enrols.
  dana: 'YXV0aDB8ZGFuYQ',
} as const;

export const SEEDED_CREDENTIALS: readonly SeededWebAuthnCredential[] = [
  {
    ref: 'alice-gpm',
    userId: DEMO_USERS.alice.user_id,
    type: 'passkey',
    keyId: 'CjCqNIMAgT1sp5LDjZ0GbGOL2gE',
    privateKeyPkcs8:
      'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0gUM4P0qdSl/Kf155njcsziNS5ashBSylWHdGI1BZ/GhRANCAARfdjKlXONf2EX+R5Gb6E5gVoi3QcAMKvY5lxv8x9M6ioiuh3ZkvJqkQwPo3H5qrA8GhRdTIGs8+nxTa8jv4icf',
    userHandle: HANDLES.alice,
    aaguid: AAGUID.googlePasswordManager,
    deviceType: 'multi_device',
    backedUp: true,
    userAgent: USER_AGENT_SUMMARIES.chromeMac,
    transports: ['internal', 'hybrid'],
    name: null,
    createdDaysAgo: 40,
    lastAuthDaysAgo: 2,
  },
  {
    ref: 'alice-desk-key',
    userId: DEMO_USERS.alice.user_id,
    type: 'webauthn-roaming',
    keyId: '_npZdRbbXK6OQjAsAXHzmSowym3sXFnyPHAge4mzKLeuyy8BTWezKl5Hml8_FY-L-u_M9zCdl9m9dPV4Sv4NfQ',
    privateKeyPkcs8:
      'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgdEx+6kz3NyVLigPBASllkt8GzChZ4s2t7j4I4pbaqeyhRANCAATl9ne2bN46B5CM8j5CPiR5L+MMOJeIqntt8UglcVuwAODEvb+LaLZgw2P6vRwAcT8AoqPdlS53wpxHFWbB05rD',
    userHandle: HANDLES.alice,
    aaguid: AAGUID.yubiKey5,
    deviceType: 'single_device',
    backedUp: false,
    userAgent: null,
    transports: ['usb'],
    name: 'Desk key',
    createdDaysAgo: 120,
    lastAuthDaysAgo: 30,
  },
  {
    ref: 'bob-bitwarden',
    userId: DEMO_USERS.bob.user_id,
    type: 'passkey',
    keyId: 'ADOQ0Q6MDPUm8XeDwjD2K5bDxbo',
    privateKeyPkcs8:
      'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgcXOzApknnYyAVW/ZkL8yx6QplWjCZWkXxjpB1UlmrLihRANCAASmh1NglK+C9nNp9mWF8+3Gap+bXQN51blp/ErpLTEm7Yz34shrHWm4r1DqNIUub2f6Pleku/7p5HspfJKGnLQm',
    userHandle: HANDLES.bob,
    aaguid: AAGUID.bitwarden,
    deviceType: 'multi_device',
    backedUp: true,
    userAgent: USER_AGENT_SUMMARIES.chromeWindows,
    transports: ['internal', 'hybrid'],
    name: null,
    createdDaysAgo: 60,
    lastAuthDaysAgo: 5,
  },
  {
    ref: 'bob-firefox',
    userId: DEMO_USERS.bob.user_id,
    type: 'passkey',
    keyId: '2gtXXKqIQckpSjGFpXXrHnKCtec',
    privateKeyPkcs8:
      'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgfqnJ15RsOiQ6hg0BZnfhuFD05PJ+juDXFRMDzlAsi+qhRANCAARjeNdbw/h9LFfgVtNaykugIvGyNUs8T5umQkAtnAIm2NGc36xejZyYBfkn7GIZ+rGvVeubl1MDkK5oX+aDcNzM',
    userHandle: HANDLES.bob,
    aaguid: AAGUID.zero,
    deviceType: 'single_device',
    backedUp: false,
    userAgent: USER_AGENT_SUMMARIES.firefoxWindows,
    transports: ['internal'],
    name: null,
    createdDaysAgo: 14,
    lastAuthDaysAgo: null,
  },
  {
    ref: 'dana-icloud',
    userId: DEMO_USERS.dana.user_id,
    type: 'passkey',
    keyId: '28dt96g8xdHb7XMWF4MjlEpGHsA',
    privateKeyPkcs8:
      'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/THbtWh+B3MkPKjLX58YMIDQxKFWPjUVxDOeOQBwAAuhRANCAAQDl4D9G73I5f4QlRTKwOfSk234vah4ZkPDGWH+SxDlR6OLpQgjDG980v4KMqNCyfabG9awuCq7qtzPWYKI7p3C',
    userHandle: HANDLES.dana,
    aaguid: AAGUID.iCloudKeychain,
    deviceType: 'multi_device',
    backedUp: true,
    userAgent: USER_AGENT_SUMMARIES.safariIphone,
    transports: ['internal', 'hybrid'],
    name: null,
    createdDaysAgo: 9,
    lastAuthDaysAgo: 1,
  },
];

export const SEEDED_TOTP_SECRET = 'YWJP3AJDSYE3ITZ7A5RH';

/** The credential's COSE_Key (EC2, ES256) as Auth0 stores it in `public_key`: base64. */
export function cosePublicKey(privateKeyPkcs8: string): string {
  const privateKey = createPrivateKey({
    key: Buffer.from(privateKeyPkcs8, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const x = Buffer.from(String(jwk.x), 'base64url');
  const y = Buffer.from(String(jwk.y), 'base64url');
  // CBOR map {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}.
  const head = Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]);
  return Buffer.concat([head, x, Buffer.from([0x22, 0x58, 0x20]), y]).toString('base64');
}

/** The shape Chrome DevTools Protocol `WebAuthn.addCredential` takes (binary fields base64). */
export interface CdpCredential {
  credentialId: string;
  isResidentCredential: true;
  rpId: string;
  privateKey: string;
  userHandle: string;
  signCount: number;
  backupEligibility: boolean;
  backupState: boolean;
}

export function cdpCredential(credential: SeededWebAuthnCredential): CdpCredential {
  return {
    credentialId: Buffer.from(credential.keyId, 'base64url').toString('base64'),
    isResidentCredential: true,
    rpId: SEEDED_RP_ID,
    privateKey: credential.privateKeyPkcs8,
    userHandle: Buffer.from(credential.userHandle, 'base64url').toString('base64'),
    signCount: 0,
    backupEligibility: credential.backedUp,
    backupState: credential.backedUp,
  };
}

function cdpCredentialsOf(userId: string): CdpCredential[] {
  return SEEDED_CREDENTIALS.filter((c) => c.userId === userId).map(cdpCredential);
}

export const BOB_CDP_CREDENTIALS: CdpCredential[] = cdpCredentialsOf(DEMO_USERS.bob.user_id);

/** Dana's one passkey, ready for `WebAuthn.addCredential` (she has no password). */
export const DANA_CDP_CREDENTIALS: CdpCredential[] = cdpCredentialsOf(DEMO_USERS.dana.user_id);

/**
 * Alice's second sign-in, on her phone: a real tenant session (the Management API lists and ends
 * it like any other) that no browser here holds, so the sessions list has another device to show.
 * The address is from TEST-NET-3 (RFC 5737), reserved for documentation.
 */
export const SEEDED_SESSIONS = [
  {
    id: 'alice-iphone-session',
    userId: DEMO_USERS.alice.user_id,
    userAgent: USER_AGENTS.safariIphone,
    ip: '203.0.113.24',
    method: 'pwd',
    createdDaysAgo: 6,
    lastActiveDaysAgo: 1,
  },
] as const;

/**
 * Alice's earlier account activity (Auth0's tenant log): the sign-in behind her seeded iPhone
 * session, a wrong password just before it, and a sign-in from 40 days ago, which Keyward's
 * "last 30 days" must leave out. Each sign-in or change since adds its own event.
 */
export const SEEDED_LOG_EVENTS = [
  {
    type: 'fp',
    userId: DEMO_USERS.alice.user_id,
    userAgent: USER_AGENTS.safariIphone,
    ip: '203.0.113.24',
    minutesAgo: 6 * 24 * 60 + 2,
  },
  {
    type: 's',
    userId: DEMO_USERS.alice.user_id,
    userAgent: USER_AGENTS.safariIphone,
    ip: '203.0.113.24',
    minutesAgo: 6 * 24 * 60,
  },
  {
    type: 's',
    userId: DEMO_USERS.alice.user_id,
    userAgent: USER_AGENTS.firefoxWindows,
    ip: '198.51.100.7',
    minutesAgo: 40 * 24 * 60,
  },
] as const;
