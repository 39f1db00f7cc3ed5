import 'server-only';
import { createHash } from 'node:crypto';
import { log } from '@/lib/core/log';
import { ttlStore } from '@/lib/state/ttl-store';
import { isKeyTransport, KEY_TRANSPORTS, type KeyTransport } from './types';

// Auth0 stores a security key added through the Management API with its credential id and public
// key only: no model, no browser, no transports. Keyward knows all three at the moment it verifies
// the key, so it keeps them here, beside Auth0's record, keyed by the user and the credential id.
// They are descriptions for the card, never an input to a safety decision: a lost or unreadable
// record only means the card says less.

export type KeyDetails = {
  /** The authenticator's model from its AAGUID, when it sent a known one. */
  provider: string | null;
  /** "Chrome on Linux": the browser the key was added from. */
  device: string | null;
  transports: KeyTransport[];
};

// As long as a key plausibly stays in use; the record goes sooner when the key is removed.
const KEEP_MS = 10 * 365 * 24 * 60 * 60_000;

// The credential id is hashed: it bounds the key's length (ids may be 1,023 bytes) and keeps the
// id itself out of Redis key listings.
const slot = (userId: string, keyId: string) =>
  `key-details:${createHash('sha256').update(`${userId}\u0000${keyId}`).digest('base64url')}`;

/** Only the transports WebAuthn defines, each once, in the cards' order; a browser's others go. */
export function knownTransports(values: readonly unknown[] | undefined): KeyTransport[] {
  const given = new Set((values ?? []).filter(isKeyTransport));
  return KEY_TRANSPORTS.filter((t) => given.has(t));
}

function parse(raw: string | null): KeyDetails | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<KeyDetails>;
    return {
      provider: typeof value.provider === 'string' ? value.provider : null,
      device: typeof value.device === 'string' ? value.device : null,
      transports: knownTransports(Array.isArray(value.transports) ? value.transports : []),
    };
  } catch {
    return null;
  }
}

/** Keeps what the add knew. Never throws: the key is added either way (logged when not kept). */
export async function recordKeyDetails(
  userId: string,
  keyId: string,
  details: KeyDetails,
): Promise<void> {
  try {
    await ttlStore().set(slot(userId, keyId), JSON.stringify(details), KEEP_MS);
  } catch {
    log('warn', 'key_details_not_recorded', { userId });
  }
}

/** The details of these credential ids that are known; an unreadable store reads as none. */
export async function readKeyDetails(
  userId: string,
  keyIds: readonly string[],
): Promise<Map<string, KeyDetails>> {
  const found = new Map<string, KeyDetails>();
  if (keyIds.length === 0) return found;
  try {
    const raws = await Promise.all(keyIds.map((id) => ttlStore().get(slot(userId, id))));
    keyIds.forEach((id, i) => {
      const details = parse(raws[i] ?? null);
      if (details) found.set(id, details);
    });
  } catch {
    log('warn', 'key_details_unreadable', { userId });
  }
  return found;
}

/** After a removal: the description of a key that is gone is not kept. Never throws. */
export async function forgetKeyDetails(userId: string, keyId: string): Promise<void> {
  try {
    await ttlStore().delete(slot(userId, keyId));
  } catch {
    log('warn', 'key_details_not_forgotten', { userId });
  }
}
