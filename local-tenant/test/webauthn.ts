import { createHash, createPrivateKey, sign } from 'node:crypto';
import type { SeededWebAuthnCredential } from '../src/seed';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

export interface AssertionOptions {
  credential: SeededWebAuthnCredential;
  challenge: string;
  origin: string;
  rpId?: string;
  signCount?: number;
  userVerified?: boolean;
}

/**
 * A real WebAuthn assertion built in Node, as an authenticator holding the seeded private key
 * would produce: authenticatorData = sha256(rpId) || flags || signCount, signed (ECDSA P-256,
 * DER) over authenticatorData || sha256(clientDataJSON).
 */
export function buildAssertion(options: AssertionOptions) {
  const { credential } = options;
  let flags = 0x01; // UP
  if (options.userVerified !== false) flags |= 0x04; // UV
  if (credential.backedUp) flags |= 0x08 | 0x10; // BE | BS
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(options.signCount ?? 1);
  const authenticatorData = Buffer.concat([
    sha256(options.rpId ?? 'localhost'),
    Buffer.from([flags]),
    counter,
  ]);
  const clientDataJSON = Buffer.from(
    JSON.stringify({
      type: 'webauthn.get',
      challenge: options.challenge,
      origin: options.origin,
      crossOrigin: false,
    }),
  );
  const privateKey = createPrivateKey({
    key: Buffer.from(credential.privateKeyPkcs8, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const signature = sign(
    'sha256',
    Buffer.concat([authenticatorData, sha256(clientDataJSON)]),
    privateKey,
  );
  return {
    id: credential.keyId,
    rawId: credential.keyId,
    type: 'public-key' as const,
    clientExtensionResults: {},
    response: {
      clientDataJSON: clientDataJSON.toString('base64url'),
      authenticatorData: authenticatorData.toString('base64url'),
      signature: signature.toString('base64url'),
      userHandle: credential.userHandle,
    },
  };
}
