import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// A stored session holds the person's tokens, refresh token included. The store (a file, or a
// Redis that other services may share) keeps them encrypted with a key derived from AUTH0_SECRET,
// bound to the session id so a record cannot be moved under another id.

const IV_BYTES = 12;
const TAG_BYTES = 16;

export type Sealer = {
  seal(id: string, plaintext: string): string;
  /** The plaintext, or null when the record was not sealed with this key for this id. */
  open(id: string, sealed: string): string | null;
};

export function createSealer(secret: string): Sealer {
  const key = Buffer.from(
    hkdfSync('sha256', secret, Buffer.alloc(0), 'keyward session store v1', 32),
  );
  return {
    seal(id, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(id));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(id, sealed) {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(id));
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const body = raw.subarray(IV_BYTES + TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
