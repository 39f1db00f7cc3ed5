import 'server-only';
import {
  type RegistrationResponseJSON,
  type VerifiedRegistrationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { deviceName } from '@/lib/authenticators/device-name';
import { providerName } from '@/lib/authenticators/provider-name';
import { ApiError } from '@/lib/core/errors';
import { currentContext } from '@/lib/core/request-context';
import { type KeyDetails, knownTransports } from '@/lib/factors/key-details';
import { type TakeInput, takeCeremony } from './ceremony';
import { SUPPORTED_ALGORITHMS } from './options';
import { suggestName } from './suggest-name';

/** WebAuthn §7.1 step 25: longer credential ids must be refused. */
export const MAX_CREDENTIAL_ID_BYTES = 1023;

/**
 * Exactly the fields Auth0 documents for creating a security key ("WebAuthn with security
 * keys"); its schema refuses anything else, passkey-only fields such as aaguid included.
 */
export type SecurityKeyBody = {
  type: 'webauthn-roaming';
  name: string;
  key_id: string;
  public_key: string;
  relying_party_identifier: string;
};

export type VerifyInput = TakeInput & {
  response: RegistrationResponseJSON;
  expected: { origin: string; rpId: string };
  userAgent: string | null;
  /** Already validated by the shared name schema. */
  name?: string | undefined;
};

/** The Auth0 method to create, and what Keyward keeps about it that Auth0 does not. */
export type VerifiedSecurityKey = { keyId: string; body: SecurityKeyBody; details: KeyDetails };

const refused = (code: string, message: string) => new ApiError(400, code, message);

/** A message the person can act on, from @simplewebauthn's (developer-facing) error text. */
function explain(error: unknown): string {
  const text = error instanceof Error ? error.message : '';
  if (/origin|RP ID/i.test(text)) {
    return 'This key was set up for a different website, so it was not saved.';
  }
  if (/user presence/i.test(text)) {
    return 'Your key did not confirm you were present (a touch or tap). Nothing was saved.';
  }
  if (/challenge/i.test(text)) {
    return 'Your device answered a different request. Please start again.';
  }
  return 'We could not verify the response from your device. Nothing was saved.';
}

/**
 * Verifies a security key's registration and returns the Auth0 method to create. Pure of Next
 * and of Auth0: every input is passed in, so tests drive it with real authenticator output.
 */
export async function verifySecurityKey(input: VerifyInput): Promise<VerifiedSecurityKey> {
  const state = await takeCeremony('security-key', input);

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
      requireUserVerification: false,
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
  const aaguid = info.aaguid;
  const body: SecurityKeyBody = {
    type: 'webauthn-roaming',
    // Saved without a name from the page: the request's language names it.
    name:
      input.name ??
      suggestName('security-key', aaguid, input.userAgent, currentContext()?.actor?.locale),
    key_id: keyId,
    public_key: isoBase64URL.fromBuffer(info.credential.publicKey, 'base64'),
    relying_party_identifier: input.expected.rpId,
  };
  const details: KeyDetails = {
    provider: providerName(aaguid),
    device: deviceName(input.userAgent),
    transports: knownTransports(info.credential.transports),
  };
  return { keyId, body, details };
}
