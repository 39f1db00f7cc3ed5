import {
  arrayOf,
  type Checked,
  isBoolean,
  isString,
  nullable,
  objectOf,
  oneOf,
} from '@/lib/shapes/check';

// The view model of the security page and GET /api/factors (issue 4). It is deliberately
// narrower than Auth0's method: no public key, key id, user handle or user-agent string.
// Written as type guards (no zod: this module reaches the browser) so the browser can check what
// the API sent without a type cast.

export const FACTOR_KINDS = [
  'passkey',
  'security-key',
  'password',
  'totp',
  'phone',
  'email',
  'push',
  'recovery-code',
] as const;

export const isFactorKind = oneOf(FACTOR_KINDS);
export type FactorKind = Checked<typeof isFactorKind>;

/** How a security key talks to the browser, as WebAuthn names it, in the order cards list them. */
export const KEY_TRANSPORTS = ['usb', 'nfc', 'ble', 'hybrid', 'smart-card', 'internal'] as const;
export const isKeyTransport = oneOf(KEY_TRANSPORTS);
export type KeyTransport = Checked<typeof isKeyTransport>;

export const isFactor = objectOf({
  id: isString,
  kind: isFactorKind,
  name: isString,
  /** Credential manager or authenticator model from the AAGUID, e.g. "Google Password Manager". */
  provider: nullable(isString),
  /** "Chrome on macOS", derived from the user agent that created it. */
  device: nullable(isString),
  /** true = synced passkey, false = this device only, null = unknown or not a credential. */
  synced: nullable(isBoolean),
  /** How a security key connects ("usb", "nfc"…), as recorded when Keyward added it; else null. */
  transports: nullable(arrayOf(isKeyTransport)),
  createdAt: nullable(isString),
  lastUsedAt: nullable(isString),
  removable: isBoolean,
  /** Why it cannot be removed, in words for the user; null when removable. */
  blockedReason: nullable(isString),
});
export type Factor = Checked<typeof isFactor>;

export const isIdentity = objectOf({
  /** "auth0" for the database connection, else the social or enterprise provider. */
  provider: isString,
  connection: isString,
  isSocial: isBoolean,
});
export type Identity = Checked<typeof isIdentity>;

export const isFactorsView = objectOf({
  factors: arrayOf(isFactor),
  identities: arrayOf(isIdentity),
  /** Auth0 passkeys belong to a database identity; a social-only account cannot have one. */
  canAddPasskey: isBoolean,
});
export type FactorsView = Checked<typeof isFactorsView>;
