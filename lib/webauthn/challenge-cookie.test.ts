import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ChallengeState,
  challengeCookieOptions,
  openChallenge,
  sealChallenge,
} from './challenge-cookie';
import { deriveKey } from './keys';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';
const key = deriveKey(SECRET, 'challengeCookie');
const NOW = 1_800_000_000_000;
const state: ChallengeState = {
  challenge: 'c2VjcmV0LWNoYWxsZW5nZQ',
  userId: 'auth0|alice',
  kind: 'passkey',
  userHandle: 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY',
  exp: NOW + 300_000,
};

describe('challenge cookie', () => {
  it('round-trips the state', () => {
    expect(openChallenge(sealChallenge(state, key), key, NOW)).toEqual({ ok: true, state });
  });

  it('is encrypted: neither the challenge nor the user id is readable', () => {
    const sealed = sealChallenge(state, key);
    const raw = Buffer.from(sealed.split('.')[1] ?? '', 'base64url').toString('latin1');
    expect(raw).not.toContain('auth0|alice');
    expect(sealed).not.toContain(state.challenge);
  });

  it('seals the same state differently each time (random IV)', () => {
    expect(sealChallenge(state, key)).not.toBe(sealChallenge(state, key));
  });

  it('refuses a tampered value', () => {
    const sealed = sealChallenge(state, key);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    for (const index of [0, 12, bytes.byteLength - 1]) {
      const copy = Buffer.from(bytes);
      copy[index] = (copy[index] ?? 0) ^ 0x01;
      expect(openChallenge(`v1.${copy.toString('base64url')}`, key, NOW)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
  });

  it('refuses a value sealed with another key (another secret or purpose)', () => {
    const sealed = sealChallenge(state, key);
    expect(openChallenge(sealed, deriveKey(`${SECRET}x`, 'challengeCookie'), NOW).ok).toBe(false);
    expect(openChallenge(sealed, deriveKey(SECRET, 'userHandle'), NOW).ok).toBe(false);
  });

  it('refuses garbage and a missing cookie', () => {
    expect(openChallenge(undefined, key, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(openChallenge('', key, NOW)).toEqual({ ok: false, reason: 'missing' });
    for (const value of [
      'v1',
      'v1.',
      'v2.abc',
      'nonsense',
      `v1.${randomBytes(40).toString('base64url')}`,
    ]) {
      expect(openChallenge(value, key, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('expires after its exp, checked on the server', () => {
    const sealed = sealChallenge(state, key);
    expect(openChallenge(sealed, key, state.exp - 1).ok).toBe(true);
    expect(openChallenge(sealed, key, state.exp)).toEqual({ ok: false, reason: 'expired' });
    expect(openChallenge(sealed, key, state.exp + 60_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('is HttpOnly, SameSite=Strict, scoped to /api/passkeys, 5 minutes', () => {
    expect(challengeCookieOptions('https://keyward.example')).toEqual({
      httpOnly: true,
      sameSite: 'strict',
      path: '/api/passkeys',
      secure: true,
      maxAge: 300,
    });
  });

  it('is Secure except on plain-http localhost', () => {
    expect(challengeCookieOptions('http://localhost:3000').secure).toBe(false);
    expect(challengeCookieOptions('http://keyward.example').secure).toBe(true);
  });
});
