import type { Management } from 'auth0';
import { describe, expect, it } from 'vitest';
import { canRevoke, keyState, mapSigningKey, mapSigningKeys, toIsoDate } from './map-keys';

function key(kid: string, extra: Partial<Management.SigningKeys> = {}): Management.SigningKeys {
  return {
    kid,
    cert: `-----BEGIN CERTIFICATE-----\n${kid}\n-----END CERTIFICATE-----`,
    fingerprint: `fp-${kid}`,
    thumbprint: `tp-${kid}`,
    ...extra,
  };
}

describe('keyState', () => {
  it.each([
    [{ current: true }, 'current'],
    [{ next: true }, 'next'],
    [{ previous: true }, 'previous'],
    [{ revoked: true }, 'revoked'],
    // Auth0 leaves `previous` on a key it has revoked: revoked wins.
    [{ previous: true, revoked: true }, 'revoked'],
    [{ current: true, revoked: true }, 'revoked'],
    [{ current: true, previous: false, next: false, revoked: false }, 'current'],
    [{ current: false, next: true, previous: false }, 'next'],
    // Both flags should never happen; the key is signing, so treat it as current (never revocable).
    [{ current: true, next: true }, 'current'],
    [{ next: true, previous: true }, 'next'],
    // No flags: a key that was used and retired.
    [{}, 'previous'],
    [{ current: false, next: false, previous: false, revoked: false }, 'previous'],
  ] satisfies [Partial<Management.SigningKeys>, string][])('%o → %s', (flags, state) => {
    expect(keyState(key('k', flags))).toBe(state);
  });
});

describe('toIsoDate', () => {
  it.each([
    ['2020-08-12T11:54:49.954Z', '2020-08-12T11:54:49.954Z'],
    ['2020-08-12T13:54:49+02:00', '2020-08-12T11:54:49.000Z'],
    ['2020-08-12', '2020-08-12T00:00:00.000Z'],
    [{ $date: '2021-01-02T03:04:05.000Z' }, '2021-01-02T03:04:05.000Z'],
    [{ date: '2021-01-02T03:04:05Z', timezone: 'UTC' }, '2021-01-02T03:04:05.000Z'],
    [{ seconds: 1_600_000_000 }, '2020-09-13T12:26:40.000Z'],
    [{ ms: 1_600_000_000_000 }, '2020-09-13T12:26:40.000Z'],
    [{}, null],
    [{ nested: { deep: 'x' } }, null],
    ['', null],
    ['   ', null],
    ['not a date', null],
    [null, null],
    [undefined, null],
  ] satisfies [Management.SigningKeysDate | null | undefined, string | null][])(
    '%o → %s',
    (input, iso) => {
      expect(toIsoDate(input)).toBe(iso);
    },
  );
});

describe('mapSigningKey', () => {
  it('maps every field', () => {
    expect(
      mapSigningKey(
        key('a', {
          previous: true,
          revoked: true,
          current_since: '2024-01-01T00:00:00.000Z',
          current_until: { $date: '2024-02-01T00:00:00.000Z' },
          revoked_at: '2024-03-01T00:00:00.000Z',
          pkcs7: 'ignored',
        }),
      ),
    ).toEqual({
      kid: 'a',
      state: 'revoked',
      currentSince: '2024-01-01T00:00:00.000Z',
      currentUntil: '2024-02-01T00:00:00.000Z',
      revokedAt: '2024-03-01T00:00:00.000Z',
      fingerprint: 'fp-a',
      thumbprint: 'tp-a',
      cert: '-----BEGIN CERTIFICATE-----\na\n-----END CERTIFICATE-----',
    });
  });

  it('gives null for missing dates', () => {
    expect(mapSigningKey(key('n', { next: true }))).toMatchObject({
      state: 'next',
      currentSince: null,
      currentUntil: null,
      revokedAt: null,
    });
  });
});

describe('mapSigningKeys', () => {
  it('orders current, next, previous by recency, then revoked by recency', () => {
    const mapped = mapSigningKeys([
      key('revoked-old', { revoked: true, previous: true, revoked_at: '2023-01-01T00:00:00Z' }),
      key('prev-old', {
        previous: true,
        current_since: '2022-01-01T00:00:00Z',
        current_until: '2023-01-01T00:00:00Z',
      }),
      key('next', { next: true }),
      key('revoked-new', { revoked: true, revoked_at: '2024-01-01T00:00:00Z' }),
      key('prev-new', {
        previous: true,
        current_since: '2023-01-01T00:00:00Z',
        current_until: '2024-01-01T00:00:00Z',
      }),
      key('prev-undated', { previous: true }),
      key('current', { current: true, current_since: '2024-01-01T00:00:00Z' }),
      key('revoked-undated', { revoked: true }),
    ]);
    expect(mapped.map((k) => k.kid)).toEqual([
      'current',
      'next',
      'prev-new',
      'prev-old',
      'prev-undated',
      'revoked-new',
      'revoked-old',
      'revoked-undated',
    ]);
  });

  it('is stable for equal dates (by kid) and does not mutate its input', () => {
    const input = [key('b', { previous: true }), key('a', { previous: true })];
    expect(mapSigningKeys(input).map((k) => k.kid)).toEqual(['a', 'b']);
    expect(input.map((k) => k.kid)).toEqual(['b', 'a']);
  });

  it('handles an empty list', () => {
    expect(mapSigningKeys([])).toEqual([]);
  });
});

describe('canRevoke', () => {
  it('allows only previously used keys', () => {
    expect(canRevoke('previous')).toBe(true);
    expect(canRevoke('current')).toBe(false);
    expect(canRevoke('next')).toBe(false);
    expect(canRevoke('revoked')).toBe(false);
  });
});
