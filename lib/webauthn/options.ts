import 'server-only';
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { takenNameDigests } from '@/lib/factors/unique-name';
import { CHALLENGE_TTL_SECONDS, type ChallengeState } from './challenge-cookie';
import { deriveUserHandle } from './user-handle';

// Creation options for a security key. Passkeys are not made here: Auth0's My Account API
// chooses their options (lib/passkeys), so that they work at Universal Login.

/** ES256 and RS256: what Auth0 verifies. Offer nothing else. */
export const SUPPORTED_ALGORITHMS = [-7, -257];

/** How long the browser waits for the user; the challenge cookie outlives it (300 s). */
export const CEREMONY_TIMEOUT_MS = 120_000;

const WEBAUTHN_TYPES: ReadonlySet<string> = new Set([
  'passkey',
  'webauthn-roaming',
  'webauthn-platform',
]);

/** The fields of an Auth0 authentication method this module reads. */
export type ExistingMethod = {
  type: string;
  name?: string | undefined;
  key_id?: string | undefined;
  transports?: string[] | undefined;
};

export type OptionsInput = {
  user: { userId: string; email: string | null; name: string | null };
  methods: readonly ExistingMethod[];
  rp: { rpId: string; rpName: string };
  userHandleKey: Buffer;
  nowMs?: number;
};

/** Every WebAuthn credential the user already has, so the browser refuses to register it twice. */
export function excludeCredentialsFor(methods: readonly ExistingMethod[]) {
  return methods.flatMap((m) =>
    WEBAUTHN_TYPES.has(m.type) && m.key_id && isoBase64URL.isBase64URL(m.key_id)
      ? [{ id: m.key_id, ...(m.transports?.length ? { transports: m.transports } : {}) }]
      : [],
  );
}

export async function buildSecurityKeyOptions(input: OptionsInput): Promise<{
  options: PublicKeyCredentialCreationOptionsJSON;
  state: Extract<ChallengeState, { kind: 'security-key' }>;
}> {
  const { user, methods, rp } = input;
  const userHandle = deriveUserHandle(user.userId, input.userHandleKey);
  const options = await generateRegistrationOptions({
    rpID: rp.rpId,
    rpName: rp.rpName,
    userID: isoBase64URL.toBuffer(userHandle),
    userName: user.email ?? user.userId,
    userDisplayName: user.name ?? user.email ?? user.userId,
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: excludeCredentialsFor(methods),
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    // A security key is a second step after another factor: a non-discoverable credential saves
    // the key's few resident slots, and UV is welcome but not demanded, because many keys have
    // no PIN set. The verify step mirrors these choices.
    authenticatorSelection: {
      authenticatorAttachment: 'cross-platform',
      residentKey: 'discouraged',
      requireResidentKey: false,
      userVerification: 'preferred',
    },
  });
  const state = {
    kind: 'security-key' as const,
    challenge: options.challenge,
    userId: user.userId,
    userHandle,
    exp: (input.nowMs ?? Date.now()) + CHALLENGE_TTL_SECONDS * 1000,
    taken: takenNameDigests(methods),
  };
  return { options: { ...options, hints: ['security-key'] }, state };
}
