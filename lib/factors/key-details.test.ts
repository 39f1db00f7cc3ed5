// What Keyward keeps about a security key it added (the browser, the model, the transports): per
// user and credential id, in the durable TTL store this run's KEYWARD_DATA_DIR holds.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ttlStore } from '@/lib/state/ttl-store';
import {
  forgetKeyDetails,
  type KeyDetails,
  knownTransports,
  readKeyDetails,
  recordKeyDetails,
} from './key-details';

const DETAILS: KeyDetails = {
  provider: 'YubiKey 5 Series',
  device: 'Chrome on Linux',
  transports: ['usb', 'nfc'],
};

describe('knownTransports', () => {
  it('keeps only the transports WebAuthn defines, once each, in a stable order', () => {
    expect(knownTransports(['nfc', 'usb', 'nfc', 'pigeon', 42, 'hybrid'])).toEqual([
      'usb',
      'nfc',
      'hybrid',
    ]);
    expect(knownTransports(undefined)).toEqual([]);
  });
});

describe('key details', () => {
  it("are read back by the user who added the key, and by nobody else's id", async () => {
    await recordKeyDetails('auth0|kd-alice', 'KEY-1', DETAILS);
    expect(await readKeyDetails('auth0|kd-alice', ['KEY-1', 'KEY-2'])).toEqual(
      new Map([['KEY-1', DETAILS]]),
    );
    expect((await readKeyDetails('auth0|kd-mallory', ['KEY-1'])).size).toBe(0);
  });

  it('are gone once forgotten', async () => {
    await recordKeyDetails('auth0|kd-bob', 'KEY-3', DETAILS);
    await forgetKeyDetails('auth0|kd-bob', 'KEY-3');
    expect((await readKeyDetails('auth0|kd-bob', ['KEY-3'])).size).toBe(0);
  });

  it('never show a stored value that is not a description: bad JSON reads as none, odd fields as null', async () => {
    await recordKeyDetails('auth0|kd-carol', 'KEY-4', DETAILS);
    await recordKeyDetails('auth0|kd-carol', 'KEY-5', DETAILS);
    // Overwrite both records' raw values through the store (found by their keys' shape).
    const store = ttlStore();
    const slot = (keyId: string) =>
      `key-details:${createHash('sha256').update(`auth0|kd-carol\u0000${keyId}`).digest('base64url')}`;
    await store.set(slot('KEY-4'), '{not json', 60_000);
    await store.set(
      slot('KEY-5'),
      JSON.stringify({ provider: 7, device: '<b>x</b>', transports: ['usb', 'fax'] }),
      60_000,
    );
    expect(await readKeyDetails('auth0|kd-carol', ['KEY-4', 'KEY-5'])).toEqual(
      new Map([['KEY-5', { provider: null, device: '<b>x</b>', transports: ['usb'] }]]),
    );
  });
});
