import 'server-only';
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { ApiError } from '@/lib/http/errors';
import { type AddKind, CHALLENGE_TTL_SECONDS, type ChallengeState } from './challenge-cookie';
import { chooseUserHandle } from './user-handle';

/** Auth0's documented limit: "Auth0 has a limit of 20 passkeys per user." */
export const PASSKEY_LIMIT = 20;

/** ES256 and RS256: what Auth0 (and the local tenant) verify at sign-in. Offer nothing else. */
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
  key_id?: string | undefined;
  transports?: string[] | undefined;
  user_handle?: string | undefined;
};

export type OptionsInput = {
  kind: AddKind;
  user: { userId: string; email: string | null; name: string | null };
  methods: readonly ExistingMethod[];
  rp: { rpId: string; rpName: string };
  userHandleKey: Buffer;
  nowMs?: number;
};

export const limitError = (kind: AddKind) =>
  new ApiError(
    409,
    'passkey_limit',
    kind === 'passkey'
      ? `You already have ${PASSKEY_LIMIT} passkeys, the most an account can have. Remove one you no longer use, then add the new one.`
      : 'You have reached the most security keys an account can have. Remove one you no longer use, then add the new one.',
  );

/** Every WebAuthn credential the user already has, so the browser refuses to register it twice. */
export function excludeCredentialsFor(methods: readonly ExistingMethod[]) {
  return methods.flatMap((m) =>
    WEBAUTHN_TYPES.has(m.type) && m.key_id && isoBase64URL.isBase64URL(m.key_id)
      ? [{ id: m.key_id, ...(m.transports?.length ? { transports: m.transports } : {}) }]
      : [],
  );
}

export async function buildRegistrationOptions(
  input: OptionsInput,
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; state: ChallengeState }> {
  const { kind, user, methods, rp } = input;
  const passkeys = methods.filter((m) => m.type === 'passkey').length;
  if (kind === 'passkey' && passkeys >= PASSKEY_LIMIT) throw limitError(kind);

  const userHandle = chooseUserHandle(methods, user.userId, input.userHandleKey);
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
    // A passkey must be discoverable (it starts a sign-in on its own) and must verify the user
    // (it is the whole sign-in). A security key is a second step after another factor: a
    // non-discoverable credential saves the key's few resident slots, and UV is welcome but not
    // demanded, because many keys have no PIN set. The verify step mirrors these choices.
    authenticatorSelection:
      kind === 'passkey'
        ? { residentKey: 'required', requireResidentKey: true, userVerification: 'required' }
        : {
            authenticatorAttachment: 'cross-platform',
            residentKey: 'discouraged',
            requireResidentKey: false,
            userVerification: 'preferred',
          },
  });
  // Hints are set here rather than through `preferredAuthenticatorType`, which would also force
  // `authenticatorAttachment: 'platform'` for passkeys and rule out a phone via hybrid.
  const withHints: PublicKeyCredentialCreationOptionsJSON = {
    ...options,
    hints: kind === 'passkey' ? ['client-device', 'hybrid'] : ['security-key'],
  };

  const state: ChallengeState = {
    challenge: options.challenge,
    userId: user.userId,
    kind,
    userHandle,
    exp: (input.nowMs ?? Date.now()) + CHALLENGE_TTL_SECONDS * 1000,
  };
  return { options: withHints, state };
}
