// Test helper: a software WebAuthn authenticator that produces REAL registration responses
// (P-256 key, `none` attestation), so verification is exercised end to end without a browser.
// By default it is a USB security key answering as @simplewebauthn/browser serialises it.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { AuthenticatorTransport, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

export type CeremonyOptions = {
  challenge: string;
  origin: string;
  rpId: string;
  /** Flags: user present / user verified / backup eligible / backup state. */
  up?: boolean;
  uv?: boolean;
  be?: boolean;
  bs?: boolean;
  aaguid?: string;
  credentialId?: Buffer;
  /** clientDataJSON.type; `webauthn.get` makes it look like an assertion. */
  type?: string;
  attachment?: 'platform' | 'cross-platform';
  transports?: AuthenticatorTransport[];
};

function newKey(): { cose: Uint8Array; spki: Buffer } {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(String(jwk.x), 'base64url')],
      [-3, Buffer.from(String(jwk.y), 'base64url')],
    ]),
  );
  return { cose, spki: publicKey.export({ format: 'der', type: 'spki' }) };
}

/**
 * navigator.credentials.create() output, as @simplewebauthn/browser sends it: including the
 * convenience outputs (authenticatorData, publicKey, publicKeyAlgorithm) browsers add.
 */
export function createRegistration(options: CeremonyOptions): RegistrationResponseJSON {
  const credentialId = options.credentialId ?? randomBytes(32);
  const flags =
    (options.up === false ? 0 : 0x01) |
    (options.uv === false ? 0 : 0x04) |
    (options.be ? 0x08 : 0) |
    (options.bs ? 0x10 : 0) |
    0x40; // attested credential data present
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.byteLength);
  const key = newKey();
  const authData = Buffer.concat([
    createHash('sha256').update(options.rpId).digest(),
    Buffer.from([flags]),
    Buffer.alloc(4), // signCount 0
    Buffer.from(
      (options.aaguid ?? '00000000-0000-0000-0000-000000000000').replace(/-/g, ''),
      'hex',
    ),
    idLength,
    credentialId,
    key.cose,
  ]);
  const attestationObject = isoCBOR.encode(
    new Map<string, string | Uint8Array | Map<string, string>>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, string>()],
      ['authData', new Uint8Array(authData)],
    ]),
  );
  const clientDataJSON = JSON.stringify({
    type: options.type ?? 'webauthn.create',
    challenge: options.challenge,
    origin: options.origin,
    crossOrigin: false,
  });
  const id = credentialId.toString('base64url');
  return {
    id,
    rawId: id,
    type: 'public-key',
    authenticatorAttachment: options.attachment ?? 'cross-platform',
    clientExtensionResults: {},
    response: {
      clientDataJSON: isoBase64URL.fromUTF8String(clientDataJSON),
      attestationObject: Buffer.from(attestationObject).toString('base64url'),
      transports: options.transports ?? ['usb'],
      authenticatorData: authData.toString('base64url'),
      publicKey: key.spki.toString('base64url'),
      publicKeyAlgorithm: -7,
    },
  };
}
