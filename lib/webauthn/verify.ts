import 'server-only';
import {
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Management } from 'auth0';
import { ApiError } from '@/lib/http/errors';
import { type AddKind, type ChallengeState, openChallenge } from './challenge-cookie';
import { SUPPORTED_ALGORITHMS } from './options';
import { suggestName } from './suggest-name';
import type { UsedChallenges } from './used-challenges';

/** WebAuthn §7.1 step 25: longer credential ids must be refused. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;
const MAX_USER_AGENT = 512;

export type CreateMethodBody = Management.CreateUserAuthenticationMethodRequestContent;

export type VerifyInput = {
  response: RegistrationResponseJSON;
  /** The raw challenge cookie, as the browser sent it. */
  cookie: string | undefined;
  cookieKey: Buffer;
  sessionUserId: string;
  expected: { origin: string; rpId: string };
  usedChallenges: UsedChallenges;
  userAgent: string | null;
  /** Already trimmed and validated by the shared name schema. */
  name?: string | undefined;
  nowMs?: number;
};

export type VerifiedMethod = { kind: AddKind; keyId: string; body: CreateMethodBody };

const refused = (code: string, message: string) => new ApiError(400, code, message);

/** A message the person can act on, from @simplewebauthn's (developer-facing) error text. */
function explain(error: unknown): string {
  const text = error instanceof Error ? error.message : '';
  if (/origin|RP ID/i.test(text)) {
    return 'This key was set up for a different website, so it was not saved.';
  }
  if (/user verification/i.test(text)) {
    return 'Your device did not confirm it was you (with a PIN, fingerprint or face), which a passkey needs. Nothing was saved.';
  }
  if (/user presence/i.test(text)) {
    return 'Your key did not confirm you were present (a touch or tap). Nothing was saved.';
  }
  if (/challenge/i.test(text)) {
    return 'Your device answered a different request. Please start again.';
  }
  return 'We could not verify the response from your device. Nothing was saved.';
}

/** The challenge for this response: unexpired, not yet used, and issued to this session's user. */
async function takeChallenge(input: VerifyInput): Promise<ChallengeState> {
  const opened = openChallenge(input.cookie, input.cookieKey, input.nowMs);
  if (!opened.ok) {
    throw refused(
      'challenge_expired',
      'This request has expired or was already used. Please start again.',
    );
  }
  // Spend it before verifying, so that a failed attempt cannot be retried with the same challenge.
  if (!(await input.usedChallenges.consume(opened.state.challenge, opened.state.exp))) {
    throw refused('challenge_used', 'This request was already used. Please start again.');
  }
  if (opened.state.userId !== input.sessionUserId) {
    throw refused(
      'challenge_mismatch',
      'This request was started for another account. Please start again.',
    );
  }
  return opened.state;
}

/**
 * Verifies a registration ceremony and returns the Auth0 method to create. Pure of Next and of
 * Auth0: every input is passed in, so tests drive it with real authenticator output.
 */
export async function verifyAndBuildMethod(input: VerifyInput): Promise<VerifiedMethod> {
  const state = await takeChallenge(input);
  const passkey = state.kind === 'passkey';

  let result: VerifiedRegistrationResponse;
  try {
    result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: state.challenge,
      expectedOrigin: input.expected.origin,
      // Optional in the library, and skipped when omitted: always pass it.
      expectedRPID: input.expected.rpId,
      expectedType: 'webauthn.create',
      requireUserPresence: true,
      requireUserVerification: passkey,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (error) {
    throw refused('verification_failed', explain(error));
  }
  if (!result.verified) throw refused('verification_failed', explain(null));

  const info = result.registrationInfo;
  const keyId = info.credential.id;
  if (isoBase64URL.toBuffer(keyId).byteLength > MAX_CREDENTIAL_ID_BYTES) {
    throw refused(
      'verification_failed',
      'This key’s credential id is too long. Nothing was saved.',
    );
  }
  const userAgent = input.userAgent ? input.userAgent.slice(0, MAX_USER_AGENT) : null;
  const transports = info.credential.transports ?? input.response.response.transports ?? [];

  const body: CreateMethodBody = {
    type: passkey ? 'passkey' : 'webauthn-roaming',
    name: input.name ?? suggestName(state.kind, info.aaguid, userAgent),
    key_id: keyId,
    public_key: isoBase64URL.fromBuffer(info.credential.publicKey, 'base64'),
    aaguid: info.aaguid,
    credential_device_type:
      info.credentialDeviceType === 'multiDevice' ? 'multi_device' : 'single_device',
    credential_backed_up: info.credentialBackedUp,
    ...(transports.length > 0 ? { transports: [...transports] } : {}),
    ...(userAgent ? { user_agent: userAgent } : {}),
    user_handle: state.userHandle,
    relying_party_identifier: input.expected.rpId,
  };
  return { kind: state.kind, keyId, body };
}
