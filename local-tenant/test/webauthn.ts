import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { cosePublicKey, type SeededWebAuthnCredential } from '../src/seed';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** What a software authenticator needs to know about one of its credentials. */
export type SoftwareCredential = Pick<
  SeededWebAuthnCredential,
  'keyId' | 'privateKeyPkcs8' | 'userHandle' | 'backedUp'
>;

const FLAG = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

function flagsFor(credential: SoftwareCredential, userVerified: boolean | undefined): number {
  let flags: number = FLAG.UP;
  if (userVerified !== false) flags |= FLAG.UV;
  if (credential.backedUp) flags |= FLAG.BE | FLAG.BS;
  return flags;
}

function counterBytes(signCount: number): Buffer {
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(signCount);
  return counter;
}

function clientData(type: 'webauthn.get' | 'webauthn.create', challenge: string, origin: string) {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

export interface AssertionOptions {
  credential: SoftwareCredential;
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
  const authenticatorData = Buffer.concat([
    sha256(options.rpId ?? 'localhost'),
    Buffer.from([flagsFor(credential, options.userVerified)]),
    counterBytes(options.signCount ?? 1),
  ]);
  const clientDataJSON = clientData('webauthn.get', options.challenge, options.origin);
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

/** A fresh P-256 credential, as an authenticator creates one for `userHandle`. */
export function newSoftwareCredential(userHandle: string, backedUp = true): SoftwareCredential {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    keyId: randomBytes(20).toString('base64url'),
    privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    userHandle,
    backedUp,
  };
}

// Just enough CBOR for an attestation object: text keys, byte strings, an empty map.
function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  const head = Buffer.alloc(3);
  head[0] = (major << 5) | 25;
  head.writeUInt16BE(length, 1);
  return head;
}
const cborText = (text: string) => Buffer.concat([cborHead(3, text.length), Buffer.from(text)]);
const cborBytes = (bytes: Buffer) => Buffer.concat([cborHead(2, bytes.length), bytes]);

export interface AttestationOptions extends Omit<AssertionOptions, 'signCount'> {
  aaguid?: string;
  transports?: string[];
}

/**
 * A registration response (`navigator.credentials.create()` serialised as JSON) with "none"
 * attestation: authenticatorData carries the AT flag and the attested credential data (AAGUID,
 * credential id, COSE public key).
 */
export function buildAttestation(options: AttestationOptions) {
  const { credential } = options;
  const credentialId = Buffer.from(credential.keyId, 'base64url');
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(credentialId.length);
  const aaguid = Buffer.from(
    (options.aaguid ?? '00000000-0000-0000-0000-000000000000').replace(/-/g, ''),
    'hex',
  );
  const authData = Buffer.concat([
    sha256(options.rpId ?? 'localhost'),
    Buffer.from([flagsFor(credential, options.userVerified) | FLAG.AT]),
    counterBytes(0),
    aaguid,
    idLength,
    credentialId,
    Buffer.from(cosePublicKey(credential.privateKeyPkcs8), 'base64'),
  ]);
  const attestationObject = Buffer.concat([
    Buffer.from([0xa3]),
    cborText('fmt'),
    cborText('none'),
    cborText('attStmt'),
    Buffer.from([0xa0]),
    cborText('authData'),
    cborBytes(authData),
  ]);
  return {
    id: credential.keyId,
    rawId: credential.keyId,
    type: 'public-key' as const,
    authenticatorAttachment: 'platform' as const,
    clientExtensionResults: {},
    response: {
      clientDataJSON: clientData('webauthn.create', options.challenge, options.origin).toString(
        'base64url',
      ),
      attestationObject: attestationObject.toString('base64url'),
      transports: options.transports ?? ['internal', 'hybrid'],
    },
  };
}
