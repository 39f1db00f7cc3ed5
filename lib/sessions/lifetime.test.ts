import type { SessionData } from '@auth0/nextjs-auth0/types';
import { describe, expect, it } from 'vitest';
import {
  ABSOLUTE_SECONDS,
  INACTIVITY_SECONDS,
  ROLL_AFTER_SECONDS,
  shouldRoll,
  stampWritten,
  WRITTEN_AT_KEY,
} from './lifetime';

const SIGNED_IN = Date.UTC(2026, 0, 10, 8);
const session = (extra: Record<string, unknown> = {}): SessionData =>
  ({
    user: { sub: 'auth0|alice' },
    tokenSet: { accessToken: 'a', expiresAt: 0 },
    internal: { sid: 's', createdAt: SIGNED_IN / 1000 },
    ...extra,
  }) as SessionData;

const minutes = (n: number) => n * 60_000;

describe('rolling the session only when its expiry is near', () => {
  it('leaves a session written moments ago alone (a plain view sends no Set-Cookie)', () => {
    expect(shouldRoll(session(), SIGNED_IN + minutes(5))).toBe(false);
    const written = stampWritten(session(), SIGNED_IN + minutes(30));
    expect(shouldRoll(written, SIGNED_IN + minutes(31))).toBe(false);
  });

  it('rolls once the last write is ROLL_AFTER_SECONDS old', () => {
    const at = SIGNED_IN + ROLL_AFTER_SECONDS * 1000;
    expect(shouldRoll(session(), at - 1)).toBe(false);
    expect(shouldRoll(session(), at)).toBe(true);
    // The stamp of the last write counts, not the sign-in.
    const written = stampWritten(session(), SIGNED_IN + minutes(50));
    expect(shouldRoll(written, at)).toBe(false);
    expect(shouldRoll(written, SIGNED_IN + minutes(50) + ROLL_AFTER_SECONDS * 1000)).toBe(true);
    expect(written[WRITTEN_AT_KEY]).toBe(SIGNED_IN + minutes(50));
  });

  it('never rolls past the absolute end, where rolling would not move the expiry', () => {
    const end = SIGNED_IN + ABSOLUTE_SECONDS * 1000;
    const late = stampWritten(session(), end - INACTIVITY_SECONDS * 1000);
    expect(shouldRoll(late, end - minutes(10))).toBe(false);
    const earlier = stampWritten(session(), end - INACTIVITY_SECONDS * 1000 - minutes(120));
    expect(shouldRoll(earlier, end - INACTIVITY_SECONDS * 1000)).toBe(true);
  });
});
