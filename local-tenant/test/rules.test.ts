import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db';
import {
  createSigningKey,
  listSigningKeys,
  providerKeys,
  publicJwks,
  revokeSigningKey,
  rotateSigningKeys,
  SigningKeyError,
} from '../src/keys/signing-keys';
import { hashPassword, verifyPassword } from '../src/login/passwords';
import { LoginThrottle, throttleKeys, throttleMessage, WINDOW_MS } from '../src/login/throttle';
import { requireAllScopes, requireAnyScope } from '../src/management/auth';
import { ApiError } from '../src/management/errors';
import { paginate, parsePageQuery } from '../src/management/pagination';
import { RateLimiter } from '../src/management/rate-limit';

describe('pagination', () => {
  it('defaults to page 0, 50 per page, no totals (bare array)', () => {
    const query = parsePageQuery({});
    expect(query).toEqual({ page: 0, perPage: 50, includeTotals: false });
    const items = Array.from({ length: 60 }, (_, i) => i);
    expect(paginate(items, query)).toHaveLength(50);
  });

  it('returns {start, limit, total, authenticators} with include_totals', () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    const page = paginate(
      items,
      parsePageQuery({ page: '2', per_page: '5', include_totals: 'true' }),
    );
    expect(page).toEqual({ start: 10, limit: 5, total: 12, authenticators: [10, 11] });
    expect(paginate(items, parsePageQuery({ page: '9', per_page: '5' }))).toEqual([]);
    expect(paginate(items, parsePageQuery({ per_page: '0' }))).toEqual([]);
  });

  it('rejects out-of-range or malformed values with a 400', () => {
    for (const query of [
      { per_page: '101' },
      { page: '-1' },
      { page: 'x' },
      { include_totals: 'yes' },
    ]) {
      expect(() => parsePageQuery(query)).toThrow(ApiError);
    }
  });
});

describe('scope checks', () => {
  it('any-of and all-of', () => {
    const token = { scope: 'read:users update:signing_keys' };
    expect(() => requireAnyScope(token, ['read:users'])).not.toThrow();
    expect(() => requireAnyScope(token, ['read:authentication_methods'])).toThrow(
      'Insufficient scope, expected any of: read:authentication_methods',
    );
    expect(() => requireAllScopes(token, ['create:signing_keys', 'update:signing_keys'])).toThrow(
      /expected all of/,
    );
    expect(() => requireAnyScope({}, ['read:users'])).toThrow(ApiError);
  });
});

describe('signing keys', () => {
  function freshDb() {
    const db = openDatabase(':memory:');
    createSigningKey(db, 'current', 'localhost');
    createSigningKey(db, 'next', 'localhost');
    return db;
  }

  it('publishes a real self-signed certificate and matching JWKS entries', () => {
    const db = freshDb();
    const [current] = listSigningKeys(db);
    const cert = new X509Certificate(current?.cert ?? '');
    expect(cert.subject).toBe('CN=localhost');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.fingerprint).toBe(current?.fingerprint);
    expect(current?.thumbprint).toBe(current?.fingerprint.replace(/:/g, ''));
    expect(current?.pkcs7).toMatch(/^-----BEGIN PKCS7-----/);
    const jwk = publicJwks(db).keys[0];
    expect(jwk?.kid).toBe(current?.kid);
    expect(jwk?.x5c[0]).toBe(cert.raw.toString('base64'));
    expect(jwk).not.toHaveProperty('d');
  });

  it('rotate: next → current, current → previous, new next; only previous can be revoked', () => {
    const db = freshDb();
    const [first, second] = listSigningKeys(db);
    expect(() => revokeSigningKey(db, first?.kid ?? '')).toThrow(SigningKeyError);
    expect(() => revokeSigningKey(db, second?.kid ?? '')).toThrow(SigningKeyError);

    // Rotation answers with the new next key, as Auth0's rotate does.
    const rotated = rotateSigningKeys(db, 'localhost');
    const keys = listSigningKeys(db);
    expect(rotated.kid).toBe(keys[2]?.kid);
    expect(rotated.next).toBe(true);
    expect(keys.map((k) => [k.current, k.next, k.previous, k.revoked])).toEqual([
      [false, false, true, false],
      [true, false, false, false],
      [false, true, false, false],
    ]);
    expect(keys[0]?.current_until).toBeTruthy();
    expect(keys[1]?.current_since).toBeTruthy();
    // The provider signs with the first key: the current one.
    expect(providerKeys(db)[0]?.kid).toBe(second?.kid);

    const revoked = revokeSigningKey(db, first?.kid ?? '');
    expect(revoked).toMatchObject({ revoked: true, previous: true });
    expect(revoked.revoked_at).toBeTruthy();
    expect(publicJwks(db).keys.map((k) => k.kid)).not.toContain(first?.kid);
    expect(providerKeys(db).map((k) => k.kid)).not.toContain(first?.kid);
    // Revoking it again is refused with 403, the only refusal Auth0 documents for the call.
    try {
      revokeSigningKey(db, first?.kid ?? '');
      expect.unreachable();
    } catch (error) {
      expect((error as SigningKeyError).status).toBe(403);
    }
    expect(() => revokeSigningKey(db, 'unknown')).toThrow('Signing key not found.');
  });
});

describe('passwords', () => {
  it('hashes with a salt and verifies in constant time', async () => {
    const a = await hashPassword('Passw0rd!');
    const b = await hashPassword('Passw0rd!');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$/);
    expect(await verifyPassword('Passw0rd!', a)).toBe(true);
    expect(await verifyPassword('passw0rd!', a)).toBe(false);
    expect(await verifyPassword('Passw0rd!', 'garbage')).toBe(false);
  });
});

describe('login throttle', () => {
  it('blocks an email after 5 failures in 15 minutes, then lets it go', () => {
    let now = 1_000_000;
    const throttle = new LoginThrottle(() => now);
    const keys = throttleKeys('Alice@example.com', '127.0.0.1');
    for (let i = 0; i < 4; i++) throttle.recordFailure(keys);
    expect(throttle.check(keys).blocked).toBe(false);
    throttle.recordFailure(keys);
    const blocked = throttle.check(throttleKeys('alice@example.com', '10.0.0.1'));
    expect(blocked).toEqual({ blocked: true, retryAfterMs: WINDOW_MS });
    expect(throttleMessage(WINDOW_MS)).toBe('Too many failed attempts. Try again in 15 minutes.');
    expect(throttleMessage(30_000)).toBe('Too many failed attempts. Try again in 1 minute.');
    // Another email from the same IP is not blocked by alice's failures.
    expect(throttle.check(throttleKeys('bob@example.com', '127.0.0.1')).blocked).toBe(false);
    now += WINDOW_MS + 1;
    expect(throttle.check(keys).blocked).toBe(false);
    throttle.recordFailure(keys);
    throttle.reset();
    expect(throttle.check(keys).blocked).toBe(false);
  });

  it('blocks an IP after many failures across emails', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 50; i++)
      throttle.recordFailure(throttleKeys(`u${i}@example.com`, '10.1.1.1'));
    expect(throttle.check(throttleKeys('new@example.com', '10.1.1.1')).blocked).toBe(true);
  });
});

describe('rate limiter', () => {
  it('is a token bucket of perSecond with an epoch-seconds reset', () => {
    let now = 5_000;
    const limiter = new RateLimiter({ perSecond: 2, burst: null }, () => now);
    expect(limiter.burst).toBe(2);
    expect(limiter.take()).toMatchObject({ allowed: true, limit: 2, remaining: 1 });
    expect(limiter.take()).toMatchObject({ allowed: true, remaining: 0 });
    const denied = limiter.take();
    expect(denied).toMatchObject({ allowed: false, remaining: 0, retryAfter: 1 });
    expect(denied?.reset).toBe(6);
    now += 500;
    expect(limiter.take()?.allowed).toBe(true);
    limiter.set({ perSecond: null, burst: null });
    expect(limiter.take()).toBeUndefined();
    expect(limiter.burst).toBeNull();
  });

  it('holds `burst` requests and refills at `perSecond`', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 1, burst: 3 }, () => now);
    for (let i = 0; i < 3; i++) expect(limiter.take()?.allowed).toBe(true);
    const denied = limiter.take();
    expect(denied).toMatchObject({ allowed: false, limit: 3, remaining: 0 });
    now += 1_000;
    expect(limiter.take()?.allowed).toBe(true);
    expect(limiter.take()?.allowed).toBe(false);
    // A long pause refills only up to the burst.
    now += 60_000;
    for (let i = 0; i < 3; i++) expect(limiter.take()?.allowed).toBe(true);
    expect(limiter.take()?.allowed).toBe(false);
  });
});
