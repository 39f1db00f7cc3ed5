import { type RegistrationResponseJSON, verifyRegistrationResponse } from '@simplewebauthn/server';
import { z } from 'zod';
import {
  countMethods,
  insertMethod,
  keyIdExists,
  MAX_PASSKEYS,
  type MethodView,
} from '../store/methods';
import { databaseIdentity, getUser } from '../store/users';
import type { Tenant } from '../tenant';
import type { PendingEnrollment } from './enrollments';
import { invalidRequest, MyAccountError } from './errors';
import { summarizeUserAgent } from './user-agent';
import { validate } from './validation';

// OAS `VerifyPasskeyAuthenticationMethod` and `AuthenticatorAttestationResponse`.
const VerifyPasskey = z.strictObject({
  auth_session: z.string().min(1),
  authn_response: z.object({
    id: z.string().min(1).max(1364),
    rawId: z.string().min(1).max(1364),
    type: z.literal('public-key'),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
    response: z.strictObject({
      attestationObject: z.string().min(1).max(2000),
      clientDataJSON: z.string().min(1).max(1000),
      transports: z.array(z.string().max(100)).optional(),
    }),
  }),
});

const INVALID_SESSION = 'The auth_session is invalid, has expired or has already been used.';

export interface PasskeyVerification {
  sub: string;
  /** The id from the URL, already percent-decoded (`passkey|new`). */
  methodId: string;
  body: Record<string, unknown>;
  userAgent: string | undefined;
}

/** The Keyward application's Allowed Origins: where its pages run navigator.credentials.create. */
function allowedOrigins(tenant: Tenant): string[] {
  return [...new Set(tenant.config.appUrls.map((url) => new URL(url).origin))];
}

/**
 * Completes a passkey enrolment. The `auth_session` is taken first, so it is used up by this
 * call whatever the outcome; it must be unexpired, for this id and this user. The attestation is
 * checked against the stored challenge and RP ID and the application's Allowed Origins, and the
 * passkey is stored with what Auth0 keeps (public_key as base64 COSE, the encoding the tenant's
 * "Continue with a passkey" reads).
 */
export async function finishPasskeyEnrollment(
  tenant: Tenant,
  input: PasskeyVerification,
): Promise<MethodView> {
  const sessionId = input.body.auth_session;
  const pending: PendingEnrollment | undefined =
    typeof sessionId === 'string' ? tenant.enrollments.take(sessionId) : undefined;
  const body = validate(input.body, VerifyPasskey);
  if (!pending || pending.userId !== input.sub || pending.methodId !== input.methodId) {
    throw invalidRequest(INVALID_SESSION);
  }
  const user = getUser(tenant.db, input.sub);
  if (!user || !databaseIdentity(user)) throw invalidRequest(INVALID_SESSION);

  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: body.authn_response as RegistrationResponseJSON,
      expectedChallenge: pending.challenge,
      expectedOrigin: allowedOrigins(tenant),
      expectedRPID: pending.rpId,
      // The creation options asked for userVerification "preferred".
      requireUserVerification: false,
      supportedAlgorithmIDs: [-7, -257],
    });
  } catch (error) {
    throw invalidRequest(`Passkey verification failed: ${(error as Error).message}`);
  }
  if (!verification.verified) throw invalidRequest('Passkey verification failed.');
  const info = verification.registrationInfo;

  // 400, not 409: the verify call documents no 409 (MyAcc-OAS lists 201, 400, 401, 403, 415,
  // 429). Keyward treats every refusal of verify alike (nothing was added).
  if (keyIdExists(tenant.db, info.credential.id)) {
    throw invalidRequest('Authentication method already exists.');
  }
  if (countMethods(tenant.db, user.user_id, 'passkey') >= MAX_PASSKEYS) {
    throw new MyAccountError(403, 'You reached the limit of entities of this type for this user.');
  }
  const transports = body.authn_response.response.transports ?? info.credential.transports;
  return insertMethod(tenant.db, user.user_id, {
    type: 'passkey',
    key_id: info.credential.id,
    public_key: Buffer.from(info.credential.publicKey).toString('base64'),
    aaguid: info.aaguid,
    credential_device_type:
      info.credentialDeviceType === 'multiDevice' ? 'multi_device' : 'single_device',
    credential_backed_up: info.credentialBackedUp ? 1 : 0,
    transports_list: transports ? [...transports] : undefined,
    user_agent: summarizeUserAgent(input.userAgent) ?? null,
    user_handle: pending.userHandle,
    relying_party_identifier: pending.rpId,
    identity_user_id: pending.identityUserId,
    sign_count: info.credential.counter,
  });
}
