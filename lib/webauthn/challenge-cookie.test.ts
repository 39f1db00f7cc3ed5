import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type AddKind,
  CEREMONY_COOKIES,
  type ChallengeState,
  challengeCookieOptions,
  openChallenge,
  sealChallenge,
} from './challenge-cookie';
import { deriveKey } from './keys';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';
const key = deriveKey(SECRET, 'challengeCookie');
const NOW = 1_800_000_000_000;

const securityKey: Extract<ChallengeState, { kind: 'security-key' }> = {
  kind: 'security-key',
  challenge: 'c2VjcmV0LWNoYWxsZW5nZQ',
  userId: 'auth0|alice',
  userHandle: 'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY',
  exp: NOW + 300_000,
};
const passkey: Extract<ChallengeState, { kind: 'passkey' }> = {
  kind: 'passkey',
  challenge: 'cGFzc2tleS1jaGFsbGVuZ2U',
  userId: 'auth0|alice',
  authSession: 'auth-session-token-from-auth0',
  methodId: 'passkey|new',
  exp: NOW + 300_000,
};
const states = { 'security-key': securityKey, passkey } as const;
const KINDS = ['security-key', 'passkey'] as const satisfies readonly AddKind[];
const other = (kind: AddKind): AddKind => (kind === 'passkey' ? 'security-key' : 'passkey');

describe.each(KINDS)('%s challenge cookie', (kind) => {
  const state = states[kind];

  it('round-trips the state', () => {
    expect(openChallenge(kind, sealChallenge(state, key), key, NOW)).toEqual({ ok: true, state });
  });

  it('is encrypted: nothing in it is readable', () => {
    const sealed = sealChallenge(state, key);
    const raw = Buffer.from(sealed.split('.')[1] ?? '', 'base64url').toString('latin1');
    for (const secret of [state.userId, state.challenge, 'alice', kind]) {
      expect(raw).not.toContain(secret);
      expect(sealed).not.toContain(secret);
    }
    if (state.kind === 'passkey') expect(raw).not.toContain(state.authSession);
  });

  it('seals the same state differently each time (random IV)', () => {
    const a = sealChallenge(state, key);
    const b = sealChallenge(state, key);
    expect(a).not.toBe(b);
    const iv = (sealed: string) => Buffer.from(sealed.slice(3), 'base64url').subarray(0, 12);
    expect(iv(a).equals(iv(b))).toBe(false);
  });

  it('refuses a tampered value (IV, ciphertext or tag)', () => {
    const sealed = sealChallenge(state, key);
    expect(sealed.startsWith('v2.')).toBe(true);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    for (const index of [0, 12, 20, bytes.byteLength - 1]) {
      const copy = Buffer.from(bytes);
      copy[index] = (copy[index] ?? 0) ^ 0x01;
      expect(openChallenge(kind, `v2.${copy.toString('base64url')}`, key, NOW)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    // Cut short, or given another version label.
    expect(openChallenge(kind, sealed.slice(0, -4), key, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(openChallenge(kind, `v1.${sealed.slice(3)}`, key, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses a value sealed with another key (another secret or purpose)', () => {
    const sealed = sealChallenge(state, key);
    for (const wrong of [
      deriveKey(`${SECRET}x`, 'challengeCookie'),
      deriveKey(SECRET, 'userHandle'),
    ]) {
      expect(openChallenge(kind, sealed, wrong, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it(`does not open as a ${other(kind)} cookie`, () => {
    const sealed = sealChallenge(state, key);
    expect(openChallenge(other(kind), sealed, key, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses garbage and a missing cookie', () => {
    expect(openChallenge(kind, undefined, key, NOW)).toEqual({ ok: false, reason: 'missing' });
    expect(openChallenge(kind, '', key, NOW)).toEqual({ ok: false, reason: 'missing' });
    for (const value of [
      'v2',
      'v2.',
      'v2.abc',
      'nonsense',
      '.',
      `v2.${randomBytes(28).toString('base64url')}`,
      `v2.${randomBytes(64).toString('base64url')}`,
    ]) {
      expect(openChallenge(kind, value, key, NOW)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses a well-sealed value that is not a ceremony state', () => {
    // Sealed with the right key and this kind's label but missing fields: the schema refuses it.
    const incomplete = { kind, challenge: 'x', userId: 'auth0|alice', exp: NOW + 1000 };
    const sealed = sealChallenge(incomplete as ChallengeState, key);
    expect(openChallenge(kind, sealed, key, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('expires at its exp, checked on the server', () => {
    const sealed = sealChallenge(state, key);
    expect(openChallenge(kind, sealed, key, state.exp - 1).ok).toBe(true);
    expect(openChallenge(kind, sealed, key, state.exp)).toEqual({ ok: false, reason: 'expired' });
    expect(openChallenge(kind, sealed, key, state.exp + 60_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('challenge cookie attributes', () => {
  it('has its own cookie name and path per kind', () => {
    expect(CEREMONY_COOKIES.passkey.path).toBe('/api/passkeys');
    expect(CEREMONY_COOKIES['security-key'].path).toBe('/api/security-keys');
    expect(CEREMONY_COOKIES.passkey.name).not.toBe(CEREMONY_COOKIES['security-key'].name);
  });

  it.each([
    ['passkey', '/api/passkeys'],
    ['security-key', '/api/security-keys'],
  ] as const)('%s: HttpOnly, SameSite=Strict, path %s, 5 minutes, Secure', (kind, path) => {
    expect(challengeCookieOptions(kind, 'https://keyward.example')).toEqual({
      httpOnly: true,
      sameSite: 'strict',
      path,
      secure: true,
      maxAge: 300,
    });
  });

  it.each(KINDS)('%s: Secure except on plain-http localhost', (kind) => {
    expect(challengeCookieOptions(kind, 'http://localhost:3000').secure).toBe(false);
    expect(challengeCookieOptions(kind, 'http://keyward.example').secure).toBe(true);
    expect(challengeCookieOptions(kind, 'http://127.0.0.1:3000').secure).toBe(true);
    expect(challengeCookieOptions(kind, 'https://localhost:3000').secure).toBe(true);
  });

  it.each(KINDS)('%s: a Max-Age of 0 deletes it', (kind) => {
    expect(challengeCookieOptions(kind, 'https://keyward.example', 0).maxAge).toBe(0);
  });

  it.each(KINDS)(
    '%s: in a frame, SameSite=None, Partitioned and Secure, even on localhost',
    (kind) => {
      expect(challengeCookieOptions(kind, 'http://localhost:3000', 300, true)).toEqual({
        httpOnly: true,
        sameSite: 'none',
        partitioned: true,
        path: CEREMONY_COOKIES[kind].path,
        secure: true,
        maxAge: 300,
      });
    },
  );
});
