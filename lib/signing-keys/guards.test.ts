import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/core/errors';
import { assertRevocable, currentKey } from './guards';
import type { SigningKeyState, SigningKeyView } from './map-keys';

function view(kid: string, state: SigningKeyState): SigningKeyView {
  return {
    kid,
    state,
    currentSince: null,
    currentUntil: null,
    revokedAt: null,
    fingerprint: 'f',
    thumbprint: 't',
    cert: 'c',
  };
}

const keys = [
  view('cur', 'current'),
  view('nxt', 'next'),
  view('prev', 'previous'),
  view('gone', 'revoked'),
];

function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('assertRevocable', () => {
  it('allows a previously used key', () => {
    expect(assertRevocable(keys, 'prev').kid).toBe('prev');
  });

  it.each(['cur', 'nxt'])('refuses the %s key with 409 key_in_use and a plain message', (kid) => {
    const error = thrown(() => assertRevocable(keys, kid));
    expect(error).toMatchObject({ status: 409, code: 'key_in_use' });
    expect(error.message).toMatch(kid === 'cur' ? /current signing key/ : /next signing key/);
  });

  it('refuses an already revoked key with 409 already_revoked', () => {
    expect(thrown(() => assertRevocable(keys, 'gone'))).toMatchObject({
      status: 409,
      code: 'already_revoked',
      message: 'That signing key is already revoked.',
    });
  });

  it('answers 404 for an unknown kid, and says the list was read again', () => {
    expect(thrown(() => assertRevocable(keys, 'nope'))).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'That signing key does not exist. The list has been refreshed.',
    });
    expect(thrown(() => assertRevocable([], 'prev'))).toMatchObject({ status: 404 });
  });

  it('matches the kid exactly', () => {
    expect(thrown(() => assertRevocable(keys, 'PREV'))).toMatchObject({ status: 404 });
    expect(thrown(() => assertRevocable(keys, 'pre'))).toMatchObject({ status: 404 });
  });
});

describe('currentKey', () => {
  it('finds the current key', () => {
    expect(currentKey(keys).kid).toBe('cur');
  });

  it('refuses with 409 when Auth0 reports none', () => {
    expect(thrown(() => currentKey([view('p', 'previous')]))).toMatchObject({
      status: 409,
      code: 'no_current_key',
      message: 'Auth0 reports no current signing key, so nothing was changed.',
    });
  });
});
