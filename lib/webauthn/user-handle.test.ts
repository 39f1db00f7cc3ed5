import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey } from './keys';
import { deriveUserHandle } from './user-handle';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';
const key = deriveKey(SECRET, 'userHandle');

describe('deriveUserHandle', () => {
  it('is 32 bytes of unpadded base64url, never empty', () => {
    for (const userId of ['auth0|alice', 'google-oauth2|carol', '']) {
      const handle = deriveUserHandle(userId, key);
      expect(handle).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(handle, 'base64url').byteLength).toBe(32);
    }
  });

  it('is stable for a user (no storage needed) and different between users', () => {
    const alice = deriveUserHandle('auth0|alice', key);
    expect(deriveUserHandle('auth0|alice', deriveKey(SECRET, 'userHandle'))).toBe(alice);
    expect(deriveUserHandle('auth0|bob', key)).not.toBe(alice);
    // Same local part at another provider is another user.
    expect(deriveUserHandle('google-oauth2|alice', key)).not.toBe(alice);
  });

  it('is HMAC-SHA256 of the user id under the key', () => {
    expect(deriveUserHandle('auth0|alice', key)).toBe(
      createHmac('sha256', key).update('auth0|alice', 'utf8').digest('base64url'),
    );
  });

  it('contains no personal data and depends on the secret and the purpose', () => {
    const handle = deriveUserHandle('auth0|alice', key);
    expect(Buffer.from(handle, 'base64url').toString('latin1')).not.toContain('alice');
    expect(handle).not.toContain('alice');
    const otherSecret = deriveKey('another-secret-that-is-at-least-32-characters', 'userHandle');
    expect(deriveUserHandle('auth0|alice', otherSecret)).not.toBe(handle);
    expect(deriveUserHandle('auth0|alice', deriveKey(SECRET, 'challengeCookie'))).not.toBe(handle);
  });
});
