import { describe, expect, it } from 'vitest';
import { deriveKey } from './keys';
import { chooseUserHandle, deriveUserHandle } from './user-handle';

const key = deriveKey('a-test-secret-that-is-at-least-32-characters-long', 'userHandle');
const EXISTING = 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY';

describe('user handle', () => {
  it('is 32 bytes, stable for a user and different between users', () => {
    const alice = deriveUserHandle('auth0|alice', key);
    expect(Buffer.from(alice, 'base64url').byteLength).toBe(32);
    expect(deriveUserHandle('auth0|alice', key)).toBe(alice);
    expect(deriveUserHandle('auth0|bob', key)).not.toBe(alice);
  });

  it('contains no personal data and depends on the secret', () => {
    const handle = deriveUserHandle('auth0|alice', key);
    expect(Buffer.from(handle, 'base64url').toString('latin1')).not.toContain('alice');
    const other = deriveKey('another-secret-that-is-at-least-32-characters', 'userHandle');
    expect(deriveUserHandle('auth0|alice', other)).not.toBe(handle);
  });

  it('reuses the handle of an existing passkey', () => {
    const methods = [
      { type: 'password' },
      { type: 'webauthn-roaming', user_handle: 'c2VjdXJpdHkta2V5' },
      { type: 'passkey', user_handle: EXISTING },
    ];
    expect(chooseUserHandle(methods, 'auth0|alice', key)).toBe(EXISTING);
  });

  it('derives one when no passkey has a usable handle', () => {
    const derived = deriveUserHandle('auth0|carol', key);
    expect(chooseUserHandle([], 'auth0|carol', key)).toBe(derived);
    const odd = [
      { type: 'passkey' },
      { type: 'passkey', user_handle: '' },
      { type: 'passkey', user_handle: 'not base64url!' },
      { type: 'passkey', user_handle: Buffer.alloc(65, 1).toString('base64url') },
    ];
    expect(chooseUserHandle(odd, 'auth0|carol', key)).toBe(derived);
  });
});
