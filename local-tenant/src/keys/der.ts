// Just enough DER to build a self-signed X.509 certificate and a certs-only PKCS#7 bundle for the
// tenant's RSA signing keys, which Auth0 publishes as `cert`/`pkcs7` and in the JWKS `x5c`.
// Hand-written so the tenant needs no X.509 dependency.

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

export const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
export const set = (...items: Buffer[]) => tlv(0x31, ...items);
export const nullValue = () => Buffer.from([0x05, 0x00]);
export const utf8String = (value: string) => tlv(0x0c, Buffer.from(value, 'utf8'));
export const contextTag = (n: number, ...items: Buffer[]) => tlv(0xa0 + n, ...items);
export const bitString = (bytes: Buffer) => tlv(0x03, Buffer.from([0]), bytes);

export function integer(bytes: Buffer): Buffer {
  // DER integers are signed: prefix 0x00 when the high bit is set so the value stays positive.
  const first = bytes[0] ?? 0;
  return tlv(0x02, first & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

export function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const chunk: number[] = [];
    for (let v = arc; ; v = Math.floor(v / 128)) {
      chunk.unshift((v % 128) | (chunk.length ? 0x80 : 0));
      if (v < 128) break;
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

export function time(date: Date): Buffer {
  // RFC 5280: UTCTime until 2049, GeneralizedTime after.
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
