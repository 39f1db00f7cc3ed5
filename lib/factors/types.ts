import { z } from 'zod';

// The view model of the security page and GET /api/factors (issue 4). It is deliberately
// narrower than Auth0's method: no public key, key id, user handle or user-agent string.
// Written as zod schemas so the browser can check what the API sent without a type cast.

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

export const factorKindSchema = z.enum(FACTOR_KINDS);
export type FactorKind = z.infer<typeof factorKindSchema>;

export const factorSchema = z.object({
  id: z.string(),
  kind: factorKindSchema,
  name: z.string(),
  /** Credential manager or authenticator model from the AAGUID, e.g. "Google Password Manager". */
  provider: z.string().nullable(),
  /** "Chrome on macOS", derived from the user agent that created it. */
  device: z.string().nullable(),
  /** true = synced passkey, false = this device only, null = unknown or not a credential. */
  synced: z.boolean().nullable(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  removable: z.boolean(),
  /** Why it cannot be removed, in words for the user; null when removable. */
  blockedReason: z.string().nullable(),
});
export type Factor = z.infer<typeof factorSchema>;

export const identitySchema = z.object({
  /** "auth0" for the database connection, else the social or enterprise provider. */
  provider: z.string(),
  connection: z.string(),
  isSocial: z.boolean(),
});
export type Identity = z.infer<typeof identitySchema>;

export const factorsViewSchema = z.object({
  factors: z.array(factorSchema),
  identities: z.array(identitySchema),
  /** Auth0 passkeys belong to a database identity; a social-only account cannot have one. */
  canAddPasskey: z.boolean(),
});
export type FactorsView = z.infer<typeof factorsViewSchema>;
