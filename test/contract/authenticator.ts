// A software WebAuthn authenticator: a fresh P-256 key per credential and a `none` attestation,
// so registrations are real (any verifier accepts them) without a browser or a device.

import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { type RegistrationResponseJSON, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

export type Ceremony = {
  /** base64url, as in the creation options. */
  challenge: string;
  origin: string;
  rpId: string;
  /** A passkey: user verified, backup eligible and backed up (a synced passkey). */
  passkey: boolean;
};

function cosePublicKey(): Uint8Array {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty EC2
      [3, -7], // alg ES256
      [-1, 1], // crv P-256
      [-2, Buffer.from(String(jwk.x), 'base64url')],
      [-3, Buffer.from(String(jwk.y), 'base64url')],
    ]),
  );
}

/** What `navigator.credentials.create()` resolves to, serialised as browsers' toJSON() does. */
export function register(ceremony: Ceremony): RegistrationResponseJSON {
  const credentialId = randomBytes(32);
  // UP | UV | AT, plus BE | BS for a synced passkey.
  const flags = 0x01 | 0x04 | 0x40 | (ceremony.passkey ? 0x08 | 0x10 : 0);
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const authData = Buffer.concat([
    createHash('sha256').update(ceremony.rpId).digest(),
    Buffer.from([flags]),
    Buffer.alloc(4), // sign count 0
    Buffer.alloc(16), // AAGUID: none
    idLength,
    credentialId,
    cosePublicKey(),
  ]);
  const attestationObject = isoCBOR.encode(
    new Map<string, string | Uint8Array | Map<string, string>>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, string>()],
      ['authData', new Uint8Array(authData)],
    ]),
  );
  const clientDataJSON = JSON.stringify({
    type: 'webauthn.create',
    challenge: ceremony.challenge,
    origin: ceremony.origin,
    crossOrigin: false,
  });
  const id = credentialId.toString('base64url');
  return {
    id,
    rawId: id,
    type: 'public-key',
    authenticatorAttachment: ceremony.passkey ? 'platform' : 'cross-platform',
    clientExtensionResults: {},
    response: {
      clientDataJSON: isoBase64URL.fromUTF8String(clientDataJSON),
      attestationObject: Buffer.from(attestationObject).toString('base64url'),
      transports: ceremony.passkey ? ['internal', 'hybrid'] : ['usb'],
    },
  };
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
