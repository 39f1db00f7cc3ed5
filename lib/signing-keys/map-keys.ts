import type { Management } from 'auth0';

export type SigningKeyState = 'current' | 'next' | 'previous' | 'revoked';

/** One row of the signing-keys table, as the API returns it. Dates are ISO strings or null. */
export type SigningKeyView = {
  kid: string;
  state: SigningKeyState;
  currentSince: string | null;
  currentUntil: string | null;
  revokedAt: string | null;
  fingerprint: string;
  thumbprint: string;
  cert: string;
};

function fromValue(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Epoch seconds or milliseconds; anything below 10^11 ms would be before 1973.
    return fromValue(new Date(value < 1e11 ? value * 1000 : value));
  }
  if (typeof value === 'string' && value.trim() !== '') return fromValue(new Date(value));
  return null;
}

/**
 * Auth0 types `current_since` and friends as "a date-time string or an object" (SigningKeysDate).
 * Strings are parsed; an object is searched for the first date-like value (e.g. `{ "$date": … }`,
 * `{ "date": … }`); anything unreadable becomes null rather than a wrong date.
 */
export function toIsoDate(
  value: Management.SigningKeysDate | Date | number | null | undefined,
): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !(value instanceof Date)) {
    for (const inner of Object.values(value)) {
      const iso = fromValue(inner);
      if (iso) return iso;
    }
    return null;
  }
  return fromValue(value);
}

/**
 * Auth0 may flag a revoked key as `previous` too (it was used before), so `revoked` wins; then
 * current, next, previous. A key with no flag at all has been used and retired: previous.
 */
export function keyState(key: Management.SigningKeys): SigningKeyState {
  if (key.revoked) return 'revoked';
  if (key.current) return 'current';
  if (key.next) return 'next';
  return 'previous';
}

/** Auth0: "You can only revoke the previously used signing key." Safe to import in the browser. */
export function canRevoke(state: SigningKeyState): boolean {
  return state === 'previous';
}

const ORDER: Record<SigningKeyState, number> = { current: 0, next: 1, previous: 2, revoked: 3 };

/** Latest first; unknown dates last. */
function byRecency(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

export function mapSigningKey(key: Management.SigningKeys): SigningKeyView {
  return {
    kid: key.kid,
    state: keyState(key),
    currentSince: toIsoDate(key.current_since),
    currentUntil: toIsoDate(key.current_until),
    revokedAt: toIsoDate(key.revoked_at),
    fingerprint: key.fingerprint,
    thumbprint: key.thumbprint,
    cert: key.cert,
  };
}

/**
 * The table order: current, next, previously used keys (most recently retired first), revoked
 * keys (most recently revoked first). Ties keep kid order so the table never reshuffles.
 */
export function mapSigningKeys(keys: readonly Management.SigningKeys[]): SigningKeyView[] {
  return keys.map(mapSigningKey).sort((a, b) => {
    const byState = ORDER[a.state] - ORDER[b.state];
    if (byState !== 0) return byState;
    const recency =
      a.state === 'revoked'
        ? byRecency(a.revokedAt, b.revokedAt)
        : byRecency(a.currentUntil ?? a.currentSince, b.currentUntil ?? b.currentSince);
    return recency !== 0 ? recency : a.kid.localeCompare(b.kid);
  });
}
