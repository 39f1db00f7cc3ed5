// The contract suite's use of Keyward's software authenticator (lib/webauthn/test-authenticator.ts):
// registrations shaped as a browser sends them to Auth0, and credentials verified as Keyward's
// server verifies them, ready for a Management API create.

import { randomBytes } from 'node:crypto';
import { type RegistrationResponseJSON, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { createRegistration } from '@/lib/webauthn/test-authenticator';

export type Ceremony = {
  /** base64url, as in the creation options. */
  challenge: string;
  origin: string;
  rpId: string;
  /** A passkey: user verified, backup eligible and backed up (a synced passkey). */
  passkey: boolean;
};

/**
 * What `navigator.credentials.create()` resolves to, serialised as browsers' toJSON() does,
 * without the convenience outputs (authenticatorData, publicKey, …) that Auth0's verify refuses.
 */
export function register(ceremony: Ceremony): RegistrationResponseJSON {
  const { passkey, ...where } = ceremony;
  const full = createRegistration({
    ...where,
    be: passkey,
    bs: passkey,
    attachment: passkey ? 'platform' : 'cross-platform',
    transports: passkey ? ['internal', 'hybrid'] : ['usb'],
  });
  const { clientDataJSON, attestationObject, transports } = full.response;
  return { ...full, response: { clientDataJSON, attestationObject, transports } };
}

export type VerifiedCredential = {
  keyId: string;
  /** The COSE public key in standard base64, as Keyward sends it to the Management API. */
  publicKey: string;
  aaguid: string;
  deviceType: 'single_device' | 'multi_device';
  backedUp: boolean;
  transports: string[];
};

/**
 * A credential registered and verified the way Keyward's server verifies one (the app's own
 * challenge, origin and RP ID), ready for a Management API create.
 */
export async function verifiedCredential(options: {
  origin: string;
  rpId: string;
  passkey: boolean;
}): Promise<VerifiedCredential> {
  const challenge = randomBytes(32).toString('base64url');
  const response = register({ ...options, challenge });
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: options.origin,
    expectedRPID: options.rpId,
    requireUserVerification: options.passkey,
  });
  if (!result.verified) throw new Error('the software authenticator produced an invalid response');
  const info = result.registrationInfo;
  return {
    keyId: info.credential.id,
    publicKey: isoBase64URL.fromBuffer(info.credential.publicKey, 'base64'),
    aaguid: info.aaguid,
    deviceType: info.credentialDeviceType === 'multiDevice' ? 'multi_device' : 'single_device',
    backedUp: info.credentialBackedUp,
    transports: [...(response.response.transports ?? [])],
  };
}
