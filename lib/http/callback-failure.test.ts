import {
  AuthorizationCodeGrantError,
  AuthorizationCodeGrantRequestError,
  AuthorizationError,
  DiscoveryError,
  InvalidStateError,
  MissingStateError,
  OAuth2Error,
} from '@auth0/nextjs-auth0/errors';
import { describe, expect, it } from 'vitest';
import { callbackFailure } from './callback-failure';

const grantError = (code: string) =>
  new AuthorizationCodeGrantError({ cause: new OAuth2Error({ code, message: 'x' }) });

describe('callbackFailure', () => {
  it('calls a request without state, with a stale state or a refused code invalid (400)', () => {
    expect(callbackFailure(new MissingStateError())).toBe('invalid');
    expect(callbackFailure(new InvalidStateError())).toBe('invalid');
    expect(
      callbackFailure(
        new AuthorizationError({ cause: new OAuth2Error({ code: 'access_denied', message: 'x' }) }),
      ),
    ).toBe('invalid');
    for (const code of ['invalid_grant', 'invalid_request', 'access_denied']) {
      expect(callbackFailure(grantError(code)), code).toBe('invalid');
    }
  });

  it('calls an unreachable or failing tenant unavailable (503)', () => {
    expect(callbackFailure(new DiscoveryError())).toBe('unavailable');
    expect(callbackFailure(new AuthorizationCodeGrantRequestError('fetch failed'))).toBe(
      'unavailable',
    );
    for (const code of [
      'unknown_error',
      'server_error',
      'temporarily_unavailable',
      'invalid_client',
    ]) {
      expect(callbackFailure(grantError(code)), code).toBe('unavailable');
    }
    // No cause at all: the answer was no OAuth answer.
    expect(callbackFailure(new AuthorizationCodeGrantError({ cause: undefined as never }))).toBe(
      'unavailable',
    );
  });

  it('reads the code, not the class, so an error from another bundle is recognised', () => {
    expect(callbackFailure({ code: 'discovery_error' })).toBe('unavailable');
    expect(callbackFailure({ code: 'missing_state' })).toBe('invalid');
    expect(callbackFailure(null)).toBe('invalid');
    expect(callbackFailure('boom')).toBe('invalid');
  });
});
