import { createHash, type KeyObject, randomBytes, sign } from 'node:crypto';
import {
  bitString,
  contextTag,
  integer,
  nullValue,
  oid,
  sequence,
  set,
  time,
  toPem,
  utf8String,
} from './der';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const PKCS7_SIGNED_DATA = '1.2.840.113549.1.7.2';
const PKCS7_DATA = '1.2.840.113549.1.7.1';
const TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000;

export interface Certificate {
  der: Buffer;
  pem: string;
  pkcs7: string;
  /** SHA-1 of the DER, colon-separated upper-case hex, as Auth0's `fingerprint`. */
  fingerprint: string;
  /** SHA-1 of the DER, upper-case hex, as Auth0's `thumbprint`. */
  thumbprint: string;
  /** SHA-1 of the DER, base64url, the JWK `x5t`. */
  x5t: string;
}

/** A self-signed certificate for `publicKey`, signed by `privateKey` (RSA, SHA-256). */
export function selfSignedCertificate(
  commonName: string,
  publicKey: KeyObject,
  privateKey: KeyObject,
  now = new Date(),
): Certificate {
  const algorithm = sequence(oid(SHA256_WITH_RSA), nullValue());
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8String(commonName))));
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = sequence(
    contextTag(0, integer(Buffer.from([2]))), // v3
    integer(serial),
    algorithm,
    name,
    sequence(time(now), time(new Date(now.getTime() + TEN_YEARS_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const sha1 = createHash('sha1').update(der).digest();
  const hex = sha1.toString('hex').toUpperCase();
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    pkcs7: toPem('PKCS7', certsOnlyPkcs7(der)),
    fingerprint: hex.match(/../g)?.join(':') ?? hex,
    thumbprint: hex,
    x5t: sha1.toString('base64url'),
  };
}

/** A degenerate SignedData (no signers) carrying one certificate, as Auth0's `pkcs7` field. */
function certsOnlyPkcs7(certDer: Buffer): Buffer {
  const signedData = sequence(
    integer(Buffer.from([1])),
    set(),
    sequence(oid(PKCS7_DATA)),
    contextTag(0, certDer),
    set(),
  );
  return sequence(oid(PKCS7_SIGNED_DATA), contextTag(0, signedData));
}
