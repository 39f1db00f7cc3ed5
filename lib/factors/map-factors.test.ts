import type { Management } from 'auth0';
import { describe, expect, it } from 'vitest';
import { mapFactors, toIdentities } from './map-factors';
import { REASONS } from './policy';
import type { Identity } from './types';

type Method = Management.UserAuthenticationMethod;

const GPM = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const YUBIKEY_5 = 'ee882879-721c-4913-9775-3dfcce97072a';
const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const DATABASE: Identity = {
  provider: 'auth0',
  connection: 'Username-Password-Authentication',
  isSocial: false,
};
const OFF = { requireMfa: false, emailResetIsFallback: false };
const CREATED = '2026-01-02T03:04:05.000Z';

const m = (id: string, type: Method['type'], extra: Partial<Method> = {}): Method => ({
  id,
  type,
  created_at: CREATED,
  ...extra,
});

function one(method: Method, others: Method[] = [m('password|1', 'password')]) {
  const view = mapFactors({
    methods: [method, ...others],
    identities: [DATABASE],
    hasEmail: true,
    policy: OFF,
  });
  const factor = view.factors.find((f) => f.id === method.id);
  if (!factor) throw new Error(`${method.id} was not mapped`);
  return factor;
}

describe('mapFactors', () => {
  it('maps a synced passkey with provider, device and dates', () => {
    const factor = one(
      m('passkey|1', 'passkey', {
        aaguid: GPM,
        user_agent: CHROME_MAC,
        credential_device_type: 'multi_device',
        credential_backed_up: true,
        last_auth_at: '2026-03-01T10:00:00Z',
        key_id: 'secret-key-id',
        public_key: 'pQECAyYg',
        user_handle: 'uq9o',
      }),
    );
    expect(factor).toEqual({
      id: 'passkey|1',
      kind: 'passkey',
      name: 'Google Password Manager',
      provider: 'Google Password Manager',
      device: 'Chrome on macOS',
      synced: true,
      transports: null,
      createdAt: CREATED,
      lastUsedAt: '2026-03-01T10:00:00.000Z',
      removable: true,
      blockedReason: null,
    });
  });

  it("fills in a security key's model, browser and transports from Keyward's record, after Auth0's own fields", () => {
    const recorded = {
      provider: 'YubiKey 5 Series',
      device: 'Firefox on Windows',
      transports: ['usb' as const, 'nfc' as const],
    };
    const map = (extra: Partial<Method>) =>
      mapFactors({
        methods: [m('webauthn-roaming|1', 'webauthn-roaming', { key_id: 'KID', ...extra })],
        identities: [DATABASE],
        hasEmail: true,
        keyDetails: new Map([['KID', recorded]]),
        policy: OFF,
      }).factors[0];
    expect(map({})).toMatchObject({
      provider: 'YubiKey 5 Series',
      device: 'Firefox on Windows',
      transports: ['usb', 'nfc'],
    });
    // What Auth0 itself lists wins over the record.
    expect(map({ user_agent: CHROME_MAC, aaguid: GPM })).toMatchObject({
      provider: 'Google Password Manager',
      device: 'Chrome on macOS',
    });
    // Another key's record is not this key's.
    expect(map({ key_id: 'OTHER' })).toMatchObject({ device: null, transports: null });
  });

  it('never exposes key id, public key, user handle or user agent', () => {
    const view = mapFactors({
      methods: [
        m('passkey|1', 'passkey', {
          key_id: 'KID',
          public_key: 'PK',
          user_handle: 'UH',
          user_agent: CHROME_MAC,
        }),
      ],
      identities: [DATABASE],
      hasEmail: true,
      policy: OFF,
    });
    const json = JSON.stringify(view);
    for (const secret of ['KID', 'PK', 'UH', 'Mozilla']) expect(json).not.toContain(secret);
  });

  it.each([
    ['passkey', 'passkey', 'Passkey'],
    ['webauthn-roaming', 'security-key', 'Security key'],
    ['webauthn-platform', 'security-key', 'Security key'],
    ['password', 'password', 'Password'],
    ['totp', 'totp', 'Authenticator app'],
    ['phone', 'phone', 'Phone'],
    ['email', 'email', 'Email'],
    ['push', 'push', 'Push notifications'],
    ['guardian', 'push', 'Push notifications'],
    ['recovery-code', 'recovery-code', 'Recovery code'],
  ] as const)('maps type %s to kind %s with default name %s', (type, kind, name) => {
    const factor = one(m('x|1', type), [m('passkey|other', 'passkey')]);
    expect(factor).toMatchObject({ kind, name });
  });

  it('omits email-verification and unknown types', () => {
    const view = mapFactors({
      methods: [m('ev|1', 'email-verification'), { id: 'new|1', type: 'something-new' } as never],
      identities: [],
      hasEmail: true,
      policy: OFF,
    });
    expect(view.factors).toEqual([]);
  });

  it('prefers the user’s own name, trimmed', () => {
    expect(
      one(m('wr|1', 'webauthn-roaming', { name: '  Desk key ', aaguid: YUBIKEY_5 })),
    ).toMatchObject({
      name: 'Desk key',
      provider: 'YubiKey 5 Series',
    });
  });

  it('falls back from a blank name to the provider, then the device, then the kind', () => {
    expect(one(m('p|1', 'passkey', { name: ' ', aaguid: GPM })).name).toBe(
      'Google Password Manager',
    );
    expect(one(m('p|2', 'passkey', { user_agent: CHROME_MAC })).name).toBe('Chrome on macOS');
    expect(one(m('p|3', 'passkey', { aaguid: '00000000-0000-0000-0000-000000000000' })).name).toBe(
      'Passkey',
    );
    expect(
      one(m('p|4', 'passkey', { aaguid: '12345678-1234-1234-1234-123456789abc', user_agent: '' }))
        .name,
    ).toBe('Passkey');
    expect(one(m('p|5', 'passkey', { user_agent: 'curl/8.0' }))).toMatchObject({
      name: 'Passkey',
      device: null,
    });
  });

  it('treats the zero and unknown AAGUIDs as no provider, and accepts uppercase', () => {
    expect(
      one(m('p|1', 'passkey', { aaguid: '00000000-0000-0000-0000-000000000000' })).provider,
    ).toBeNull();
    expect(
      one(m('p|2', 'passkey', { aaguid: '12345678-1234-1234-1234-123456789abc' })).provider,
    ).toBeNull();
    expect(one(m('p|3', 'passkey', { aaguid: GPM.toUpperCase() })).provider).toBe(
      'Google Password Manager',
    );
  });

  it.each([
    [{ credential_device_type: 'multi_device' }, true],
    [{ credential_backed_up: true }, true],
    [{ credential_device_type: 'multi_device', credential_backed_up: false }, true],
    [{ credential_device_type: 'single_device' }, false],
    [{ credential_backed_up: false }, false],
    [{}, null],
  ] as const)('sync state from %j is %s', (fields, synced) => {
    expect(one(m('p|1', 'passkey', fields)).synced).toBe(synced);
  });

  it('handles missing optional fields', () => {
    const factor = one({ id: 'p|1', type: 'passkey', created_at: '' });
    expect(factor).toMatchObject({
      provider: null,
      device: null,
      synced: null,
      createdAt: null,
      lastUsedAt: null,
    });
  });

  it('uses enrolled_at when created_at is unusable, and drops unparsable dates', () => {
    const factor = one(
      m('t|1', 'totp', { created_at: 'garbage', enrolled_at: CREATED, last_auth_at: 'nope' }),
    );
    expect(factor).toMatchObject({ createdAt: CREATED, lastUsedAt: null });
  });

  it('gives non-credentials no provider, device or sync state', () => {
    expect(one(m('t|1', 'totp', { aaguid: GPM, user_agent: CHROME_MAC }))).toMatchObject({
      provider: null,
      device: null,
      synced: null,
    });
  });

  it('names phone and email methods after their destination', () => {
    expect(one(m('ph|1', 'phone', { phone_number: '+15551234567' })).name).toBe(
      'Phone ending in 4567',
    );
    expect(one(m('em|1', 'email', { email: 'alice@example.com' })).name).toBe(
      'Email to alice@example.com',
    );
  });

  it('applies the removal policy to each row', () => {
    const view = mapFactors({
      methods: [m('passkey|1', 'passkey'), m('password|1', 'password')],
      identities: [DATABASE],
      hasEmail: true,
      policy: OFF,
    });
    expect(view.factors.map((f) => [f.id, f.removable, f.blockedReason])).toEqual([
      ['passkey|1', true, null],
      ['password|1', false, REASONS.password],
    ]);
    const bob = mapFactors({
      methods: [m('passkey|1', 'passkey')],
      identities: [DATABASE],
      hasEmail: true,
      policy: OFF,
    });
    expect(bob.factors[0]).toMatchObject({ removable: false, blockedReason: REASONS.lastPasskey });
  });

  it('offers passkeys only to accounts with a database identity', () => {
    const google = { provider: 'google-oauth2', connection: 'google-oauth2', isSocial: true };
    const view = (identities: (typeof DATABASE)[]) =>
      mapFactors({ methods: [], identities, hasEmail: true, policy: OFF });
    expect(view([DATABASE]).canAddPasskey).toBe(true);
    expect(view([DATABASE, google]).canAddPasskey).toBe(true);
    expect(view([google]).canAddPasskey).toBe(false);
    expect(view([]).canAddPasskey).toBe(false);
  });

  it('names a security key without an AAGUID by its own name or the plain noun', () => {
    const key = (name?: string) =>
      mapFactors({
        methods: [{ ...m('webauthn-roaming|1', 'webauthn-roaming'), ...(name ? { name } : {}) }],
        identities: [DATABASE],
        hasEmail: true,
        policy: OFF,
      }).factors[0];
    expect(key('Desk key')).toMatchObject({ name: 'Desk key', provider: null, device: null });
    expect(key()).toMatchObject({ name: 'Security key', provider: null });
  });
});

describe('toIdentities', () => {
  it('keeps provider, connection and isSocial only', () => {
    expect(
      toIdentities([
        {
          provider: 'google-oauth2',
          connection: 'google-oauth2',
          isSocial: true,
          user_id: '1',
          access_token: 'tok',
        },
        { provider: 'auth0', connection: 'Username-Password-Authentication', user_id: 'alice' },
        { connection: 'no-provider' },
      ]),
    ).toEqual([
      { provider: 'google-oauth2', connection: 'google-oauth2', isSocial: true },
      { provider: 'auth0', connection: 'Username-Password-Authentication', isSocial: false },
    ]);
    expect(toIdentities(undefined)).toEqual([]);
  });
});
