import type { SessionData } from '@auth0/nextjs-auth0/types';
import { describe, expect, it } from 'vitest';
import { keepNewestTokens } from './token-guard';

const ME = 'https://tenant.example/me/';

function session(refreshToken: string, myAccountExpiresAt?: number): SessionData {
  return {
    user: { sub: 'auth0|alice' },
    tokenSet: { accessToken: `at-${refreshToken}`, refreshToken, expiresAt: 2000 },
    ...(myAccountExpiresAt
      ? {
          accessTokens: [
            {
              accessToken: `me-${refreshToken}`,
              audience: ME,
              expiresAt: myAccountExpiresAt,
              requestedScope: 'create:me:authentication_methods',
            },
          ],
        }
      : {}),
    internal: { sid: 'sid-1', createdAt: 1000 },
  };
}

describe('keepNewestTokens', () => {
  it('a refresh replaces the stored refresh token and remembers the spent one', () => {
    const read = session('rt-1');
    const refreshed = session('rt-2', 5000);
    const written = keepNewestTokens(read, refreshed);
    expect(written.tokenSet.refreshToken).toBe('rt-2');
    expect(written.accessTokens?.[0]?.accessToken).toBe('me-rt-2');
  });

  it('a write read before that refresh (a page roll) keeps the new tokens, not its own', () => {
    const before = session('rt-1');
    const afterRefresh = keepNewestTokens(before, session('rt-2', 5000));
    // The roll read `before`, and writes it back (with a later expiry) after the refresh landed.
    const roll = { ...before, internal: { ...before.internal, createdAt: 1500 } };
    const written = keepNewestTokens(afterRefresh, roll);
    expect(written.tokenSet.refreshToken).toBe('rt-2');
    expect(written.accessTokens?.[0]?.accessToken).toBe('me-rt-2');
    // The roll's own changes still land.
    expect(written.internal.createdAt).toBe(1500);
  });

  it('two refreshes in a row: a write from the first generation cannot undo the second', () => {
    const one = keepNewestTokens(session('rt-1'), session('rt-2', 5000));
    const two = keepNewestTokens(one, {
      ...one,
      tokenSet: { ...one.tokenSet, refreshToken: 'rt-3' },
    });
    expect(keepNewestTokens(two, session('rt-2', 5000)).tokenSet.refreshToken).toBe('rt-3');
    expect(keepNewestTokens(two, session('rt-1')).tokenSet.refreshToken).toBe('rt-3');
  });

  it('with the same refresh token, each audience keeps the token that expires last', () => {
    const stored = session('rt-1', 9000);
    const incoming = session('rt-1', 4000);
    expect(keepNewestTokens(stored, incoming).accessTokens).toEqual(stored.accessTokens);
    expect(keepNewestTokens(incoming, stored).accessTokens).toEqual(stored.accessTokens);
  });

  it('remembers only the last few spent refresh tokens', () => {
    let current = session('rt-0');
    for (let i = 1; i <= 20; i++) current = keepNewestTokens(current, session(`rt-${i}`));
    expect((current.keywardRetiredRefreshTokens as string[]).length).toBeLessThanOrEqual(8);
    // Recently spent ones are still refused.
    expect(keepNewestTokens(current, session('rt-19')).tokenSet.refreshToken).toBe('rt-20');
  });

  it('a write that carries no access tokens keeps the stored ones, and adds none', () => {
    const stored = session('rt-1', 9000);
    const bare = session('rt-1');
    expect(keepNewestTokens(stored, bare).accessTokens).toEqual(stored.accessTokens);
    expect(keepNewestTokens(bare, stored).accessTokens).toEqual(stored.accessTokens);
    expect(keepNewestTokens(bare, bare)).not.toHaveProperty('accessTokens');
  });

  it('keeps tokens for different scopes of one audience apart, whichever field names the scope', () => {
    const token = (scopes: { requestedScope?: string; scope?: string }, expiresAt: number) => ({
      accessToken: `me-${expiresAt}`,
      audience: ME,
      expiresAt,
      ...scopes,
    });
    const withTokens = (accessTokens: NonNullable<SessionData['accessTokens']>) => ({
      ...session('rt-1'),
      accessTokens,
    });
    const create = token({ requestedScope: 'create:me:authentication_methods' }, 9000);
    const update = token({ requestedScope: 'update:me:authentication_methods' }, 4000);
    expect(keepNewestTokens(withTokens([create]), withTokens([update])).accessTokens).toEqual([
      create,
      update,
    ]);
    const granted = token({ scope: 'read:me:authentication_methods' }, 3000);
    expect(keepNewestTokens(withTokens([create]), withTokens([granted])).accessTokens).toEqual([
      create,
      granted,
    ]);
  });

  it('writing the same refresh token again spends nothing: later writes of it still land', () => {
    const stored = session('rt-1');
    const renewed = { ...stored, tokenSet: { ...stored.tokenSet, accessToken: 'at-renewed' } };
    const first = keepNewestTokens(stored, renewed);
    expect(first.tokenSet.accessToken).toBe('at-renewed');
    expect(first.keywardRetiredRefreshTokens).toEqual([]);
    const again = { ...first, tokenSet: { ...first.tokenSet, accessToken: 'at-again' } };
    expect(keepNewestTokens(first, again).tokenSet.accessToken).toBe('at-again');
  });

  it('a session without a refresh token takes the first one it is given', () => {
    const none = { ...session('x'), tokenSet: { accessToken: 'at-x', expiresAt: 2000 } };
    const written = keepNewestTokens(none, session('rt-1'));
    expect(written.tokenSet.refreshToken).toBe('rt-1');
    expect(written.keywardRetiredRefreshTokens).toEqual([]);
    expect(keepNewestTokens(none, none).tokenSet).toEqual(none.tokenSet);
  });
});
