import { Management, ManagementClient } from 'auth0';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tenantUrls } from '../src/config';
import { DEMO_USERS } from '../src/seed';
import type { RunningTenant } from '../src/server';

// The SDK exports its typed errors under the `Management` namespace.
const { BadRequestError, ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } =
  Management;
type ApiErrorLike = { body: unknown; statusCode: number };

import { control, localFetch, m2mToken, managementClient, startTestTenant } from './helpers';

let tenant: RunningTenant;
let mgmt: ManagementClient;

beforeAll(async () => {
  tenant = await startTestTenant();
  mgmt = managementClient(tenant);
});
afterAll(async () => {
  await tenant?.close();
});
beforeEach(async () => {
  await control(tenant, 'POST', '/_local/reset', {});
  await control(tenant, 'DELETE', '/_local/faults');
  await control(tenant, 'POST', '/_local/rate-limit', { perSecond: null });
});

const passkeyBody = (keyId: string) => ({
  type: 'passkey' as const,
  key_id: keyId,
  public_key: 'pQECAyYgASFYIA',
  aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
  credential_device_type: 'multi_device' as const,
  credential_backed_up: true,
  user_handle: 'dXNlcg',
  user_agent: 'Mozilla/5.0',
  transports: ['internal'],
});

describe('users', () => {
  it('reads a user with identities', async () => {
    const user = await mgmt.users.get(DEMO_USERS.carol.user_id);
    expect(user.email).toBe('carol@example.com');
    expect(user.identities).toEqual([
      { provider: 'google-oauth2', connection: 'google-oauth2', user_id: 'carol', isSocial: true },
    ]);
    // Dana: a database user with a linked Google identity.
    const dana = await mgmt.users.get(DEMO_USERS.dana.user_id);
    expect(dana.identities).toEqual([
      {
        provider: 'auth0',
        connection: 'Username-Password-Authentication',
        user_id: 'dana',
        isSocial: false,
      },
      { provider: 'google-oauth2', connection: 'google-oauth2', user_id: 'dana', isSocial: true },
    ]);
  });

  it('seeds carol without methods and dana with one passkey and no password', async () => {
    const carol = await mgmt.users.authenticationMethods.list(DEMO_USERS.carol.user_id);
    expect(carol.data).toEqual([]);
    const dana = await mgmt.users.authenticationMethods.list(DEMO_USERS.dana.user_id);
    expect(dana.data).toHaveLength(1);
    expect(dana.data[0]).toMatchObject({
      type: 'passkey',
      key_id: '28dt96g8xdHb7XMWF4MjlEpGHsA',
      identity_user_id: 'dana',
      user_handle: 'YXV0aDB8ZGFuYQ',
      user_agent: 'Safari 17.4 / iOS 17.4',
      credential_device_type: 'multi_device',
      credential_backed_up: true,
    });
  });

  it('creates a user without a password, then 404s on unknown ids', async () => {
    const created = await mgmt.users.create({
      connection: 'Username-Password-Authentication',
      email: 'dave@example.com',
      user_id: 'dave',
    });
    expect(created.user_id).toBe('auth0|dave');
    const methods = await mgmt.users.authenticationMethods.list('auth0|dave');
    expect(methods.data).toEqual([]);
    await expect(mgmt.users.get('auth0|nobody')).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      mgmt.users.create({
        connection: 'Username-Password-Authentication',
        email: 'dave@example.com',
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('authentication methods', () => {
  it("lists alice's methods including her password", async () => {
    const page = await mgmt.users.authenticationMethods.list(DEMO_USERS.alice.user_id);
    const types = page.data.map((m) => m.type);
    expect(types).toEqual(['password', 'passkey', 'webauthn-roaming', 'totp']);
    const password = page.data[0];
    expect(password?.id).toMatch(/^password\|/);
    expect(password?.identity_user_id).toBe('alice');
    // A security key carries only the security-key fields.
    const desk = page.data.find((m) => m.type === 'webauthn-roaming');
    expect(Object.keys(desk ?? {}).sort()).toEqual([
      'confirmed',
      'created_at',
      'enrolled_at',
      'id',
      'key_id',
      'last_auth_at',
      'name',
      'public_key',
      'relying_party_identifier',
      'type',
    ]);
    expect(desk).toMatchObject({ name: 'Desk key', relying_party_identifier: 'localhost' });
    const gpm = page.data.find((m) => m.type === 'passkey');
    expect(gpm?.name).toBeUndefined();
    expect(gpm?.last_auth_at).toBeDefined();
    expect(gpm).toMatchObject({
      credential_device_type: 'multi_device',
      credential_backed_up: true,
      user_agent: 'Chrome 131.0.0 / Mac OS X 10.15.7',
      identity_user_id: 'alice',
    });
  });

  it('creates, reads and deletes a passkey (ids URL-encoded), and refuses to PATCH it', async () => {
    const created = await mgmt.users.authenticationMethods.create(
      DEMO_USERS.bob.user_id,
      passkeyBody('new-key-1'),
    );
    const id = created.id ?? '';
    expect(id).toMatch(/^passkey\|dev_/);
    expect(created).not.toHaveProperty('last_auth_at');
    expect(created.created_at).toBeTruthy();
    const fetched = await mgmt.users.authenticationMethods.get(DEMO_USERS.bob.user_id, id);
    expect(fetched.key_id).toBe('new-key-1');
    // The PATCH answer's `type` enum has no `passkey`: the spec documents no passkey rename
    // here (Keyward renames passkeys through the My Account API).
    await expect(
      mgmt.users.authenticationMethods.update(DEMO_USERS.bob.user_id, id, { name: 'Work laptop' }),
    ).rejects.toMatchObject({
      statusCode: 400,
      body: { errorCode: 'operation_not_supported' },
    });
    await mgmt.users.authenticationMethods.delete(DEMO_USERS.bob.user_id, id);
    await expect(
      mgmt.users.authenticationMethods.get(DEMO_USERS.bob.user_id, id),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      mgmt.users.authenticationMethods.delete(DEMO_USERS.bob.user_id, id),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects duplicates across users, unknown types and unknown fields', async () => {
    const bobs = await mgmt.users.authenticationMethods.list(DEMO_USERS.bob.user_id);
    const existingKeyId = bobs.data[0]?.key_id ?? '';
    const conflict = await mgmt.users.authenticationMethods
      .create(DEMO_USERS.alice.user_id, passkeyBody(existingKeyId))
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ApiErrorLike).body).toMatchObject({
      statusCode: 409,
      error: 'Conflict',
      message: 'Authentication method already exists.',
    });
    await expect(
      mgmt.users.authenticationMethods.create(DEMO_USERS.bob.user_id, {
        type: 'webauthn-platform',
      } as never),
    ).rejects.toBeInstanceOf(BadRequestError);
    const patch = await mgmt.users.authenticationMethods
      .update(DEMO_USERS.bob.user_id, bobs.data[0]?.id ?? '', { colour: 'red' } as never)
      .catch((e: unknown) => e);
    expect(patch).toBeInstanceOf(BadRequestError);
    const missingUser = await mgmt.users.authenticationMethods
      .list('auth0|nobody')
      .catch((e: unknown) => e);
    expect((missingUser as ApiErrorLike).body).toMatchObject({
      message: 'The user does not exist.',
    });
  });

  it('accepts only the security-key fields on webauthn-roaming', async () => {
    const key = {
      type: 'webauthn-roaming' as const,
      name: 'Spare key',
      key_id: 'roaming-strict',
      public_key: 'pQECAyYgASFYIA',
      relying_party_identifier: 'localhost',
    };
    for (const extra of [
      { aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8' },
      { credential_device_type: 'single_device' },
      { credential_backed_up: false },
      { user_agent: 'Chrome 131.0.0 / Mac OS X 10.15.7' },
      { user_handle: 'dXNlcg' },
      { transports: ['usb'] },
      { identity_user_id: 'alice' },
    ]) {
      const error = await mgmt.users.authenticationMethods
        .create(DEMO_USERS.alice.user_id, { ...key, ...extra } as never)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as ApiErrorLike).body).toMatchObject({
        message: `Payload validation error: Additional properties not allowed: ${Object.keys(extra)[0]}`,
      });
    }
    const created = await mgmt.users.authenticationMethods.create(DEMO_USERS.alice.user_id, key);
    expect(created).toMatchObject({ type: 'webauthn-roaming', name: 'Spare key' });
    // The create answer's schema has neither (additionalProperties: false); the list shows them.
    expect(created).not.toHaveProperty('confirmed');
    expect(created).not.toHaveProperty('enrolled_at');
    expect(created).not.toHaveProperty('identity_user_id');
    // Passkey fields are fine on a passkey, and it belongs to the database identity.
    const passkey = await mgmt.users.authenticationMethods.create(
      DEMO_USERS.alice.user_id,
      passkeyBody('passkey-strict'),
    );
    expect(passkey.identity_user_id).toBe('alice');
  });

  it('refuses passkeys for users without a database identity', async () => {
    const error = await mgmt.users.authenticationMethods
      .create(DEMO_USERS.carol.user_id, passkeyBody('carol-passkey'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as ApiErrorLike).body).toMatchObject({
      message: 'Passkeys can only be created for a user with a database connection identity.',
    });
    const wrongIdentity = await mgmt.users.authenticationMethods
      .create(DEMO_USERS.dana.user_id, {
        ...passkeyBody('dana-passkey'),
        identity_user_id: 'google-oauth2|dana',
      })
      .catch((e: unknown) => e);
    expect(wrongIdentity).toBeInstanceOf(BadRequestError);
    // A security key (a second factor) is fine for a social user.
    const key = await mgmt.users.authenticationMethods.create(DEMO_USERS.carol.user_id, {
      type: 'webauthn-roaming',
      key_id: 'carol-key',
      public_key: 'pQECAyYgASFYIA',
    });
    expect(key.type).toBe('webauthn-roaming');
  });

  it('limits a user to 20 passkeys', async () => {
    // bob has 2 seeded passkeys.
    for (let i = 0; i < 18; i++) {
      await mgmt.users.authenticationMethods.create(DEMO_USERS.bob.user_id, passkeyBody(`k${i}`));
    }
    const error = await mgmt.users.authenticationMethods
      .create(DEMO_USERS.bob.user_id, passkeyBody('k-too-many'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ApiErrorLike).body).toMatchObject({
      message: 'You reached the limit of entities of this type for this user.',
    });
  });

  it('list() walks every page with for await', async () => {
    // webauthn-roaming keys are not capped at 20, so one user can exceed a 50-item page.
    for (let i = 0; i < 55; i++) {
      await mgmt.users.authenticationMethods.create(DEMO_USERS.carol.user_id, {
        type: 'webauthn-roaming',
        key_id: `roaming-${i}`,
        public_key: 'pQECAyYgASFYIA',
      });
    }
    const ids: string[] = [];
    for await (const method of await mgmt.users.authenticationMethods.list(
      DEMO_USERS.carol.user_id,
    )) {
      ids.push(method.id);
    }
    expect(ids).toHaveLength(55);
    expect(new Set(ids).size).toBe(55);
    const small = await mgmt.users.authenticationMethods.list(DEMO_USERS.carol.user_id, {
      per_page: 7,
    });
    let count = 0;
    for await (const _ of small) count++;
    expect(count).toBe(55);
  });
});

describe('errors, scopes and retries', () => {
  it('401 for a garbage token', async () => {
    const bad = managementClient(tenant, { token: 'garbage', maxRetries: 0 });
    await expect(bad.users.get(DEMO_USERS.alice.user_id)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('403 when the token lacks the scope', async () => {
    const token = await m2mToken(tenant, 'read:users');
    const narrow = managementClient(tenant, { token, maxRetries: 0 });
    expect((await narrow.users.get(DEMO_USERS.alice.user_id)).user_id).toBe('auth0|alice');
    const error = await narrow.users.authenticationMethods
      .list(DEMO_USERS.alice.user_id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ApiErrorLike).body).toMatchObject({
      message: 'Insufficient scope, expected any of: read:authentication_methods',
    });
  });

  it('a slowed write still happens after its caller stopped waiting, as at Auth0', async () => {
    const method = (
      await mgmt.users.authenticationMethods.list(DEMO_USERS.alice.user_id)
    ).data.find((m) => m.type === 'webauthn-roaming');
    const route = 'PATCH /api/v2/users/:id/authentication-methods/:method_id';
    await control(tenant, 'POST', '/_local/faults', { route, latencyMs: 400, count: 1 });
    const token = await m2mToken(tenant);
    const url = `http://127.0.0.1:${tenant.port}/api/v2/users/${encodeURIComponent(DEMO_USERS.alice.user_id)}/authentication-methods/${encodeURIComponent(method?.id ?? '')}`;
    await expect(
      fetch(url, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Renamed while slow' }),
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const after = await mgmt.users.authenticationMethods.get(
      DEMO_USERS.alice.user_id,
      method?.id ?? '',
    );
    expect(after.name).toBe('Renamed while slow');
  });

  it('retries a 429 fault and then succeeds', async () => {
    await mgmt.users.get(DEMO_USERS.alice.user_id); // token cached
    await control(tenant, 'DELETE', '/_local/stats');
    await control(tenant, 'POST', '/_local/faults', {
      route: 'GET /api/v2/users/:id/authentication-methods',
      status: 429,
      count: 1,
    });
    const page = await mgmt.users.authenticationMethods.list(DEMO_USERS.alice.user_id);
    expect(page.data.length).toBe(4);
    const { body } = await control(tenant, 'GET', '/_local/stats');
    expect(body.routes['GET /api/v2/users/:id/authentication-methods']).toBe(2);
  });

  it('rate limit answers 429 with headers and the SDK recovers', async () => {
    await mgmt.users.get(DEMO_USERS.alice.user_id); // token cached
    await control(tenant, 'POST', '/_local/rate-limit', { perSecond: 1 });
    const token = await m2mToken(tenant);
    const raw = async () =>
      fetch(`${tenantUrls(tenant.port).canonicalOrigin}/api/v2/users/auth0%7Calice`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const first = await raw();
    const second = await raw();
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers.get('x-ratelimit-limit')).toBe('1');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(second.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(
      Math.floor(Date.now() / 1000),
    );
    expect(await second.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    const user = await mgmt.users.get(DEMO_USERS.alice.user_id);
    expect(user.user_id).toBe('auth0|alice');
  });

  it('rate limit has a burst (Free plan: 2/s, burst 2)', async () => {
    const token = await m2mToken(tenant);
    const { body } = await control(tenant, 'POST', '/_local/rate-limit', {
      perSecond: 0.5,
      burst: 3,
    });
    expect(body).toMatchObject({ perSecond: 0.5, burst: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(
        `${tenantUrls(tenant.port).canonicalOrigin}/api/v2/users/auth0%7Calice`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      statuses.push(res.status);
      if (i === 0) expect(res.headers.get('x-ratelimit-limit')).toBe('3');
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Other routes (/_local, OIDC) are not limited.
    expect((await fetch(`${tenant.url}/.well-known/jwks.json`)).status).toBe(200);
    const bad = await control(tenant, 'POST', '/_local/rate-limit', { burst: 0 });
    expect(bad.status).toBe(400);
  });

  it('token endpoint: wrong secret is 401 access_denied', async () => {
    const res = await fetch(`${tenant.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'keyward-local-m2m',
        client_secret: 'wrong',
        audience: `https://127.0.0.1:${tenant.port}/api/v2/`,
      }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'access_denied' });
    const client = new ManagementClient({
      domain: `127.0.0.1:${tenant.port}`,
      clientId: 'keyward-local-m2m',
      clientSecret: 'wrong',
      fetch: localFetch(tenant),
      maxRetries: 0,
    });
    await expect(client.users.get('auth0|alice')).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe('signing keys', () => {
  beforeEach(async () => {
    await control(tenant, 'POST', '/_local/reset', { keys: true });
    // Tokens signed by the previous key set are gone with it: start with a fresh client.
    mgmt = managementClient(tenant);
  });

  it('rotates and revokes; the JWKS follows', async () => {
    const jwks = async () =>
      (
        (await (await fetch(`${tenant.url}/.well-known/jwks.json`)).json()) as {
          keys: { kid: string; x5c: string[]; x5t: string }[];
        }
      ).keys.map((k) => k.kid);
    const before = await mgmt.keys.signing.list();
    const current = before.find((k) => k.current);
    const next = before.find((k) => k.next);
    expect(before).toHaveLength(2);
    expect(current?.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(current?.fingerprint).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
    expect(await jwks()).toEqual([current?.kid, next?.kid]);

    // Current and next cannot be revoked (403, the revoke call's documented refusal that is not
    // "not found"); unknown kids are 404.
    await expect(mgmt.keys.signing.revoke(current?.kid ?? '')).rejects.toMatchObject({
      statusCode: 403,
      body: { message: 'Only the previously used signing key can be revoked.' },
    });
    await expect(mgmt.keys.signing.revoke(next?.kid ?? '')).rejects.toMatchObject({
      statusCode: 403,
    });
    await expect(mgmt.keys.signing.revoke('nope')).rejects.toBeInstanceOf(NotFoundError);
    await expect(mgmt.keys.signing.get('nope')).rejects.toBeInstanceOf(NotFoundError);

    // Rotate answers with the new next key (Auth0: "201 {cert, kid}, the next key").
    const rotated = await mgmt.keys.signing.rotate();
    expect(rotated.kid).not.toBe(next?.kid);
    expect(rotated.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const after = await mgmt.keys.signing.list();
    expect(after.find((k) => k.kid === next?.kid)).toMatchObject({ current: true });
    expect(after.find((k) => k.kid === rotated.kid)).toMatchObject({ next: true });
    expect(after.find((k) => k.kid === current?.kid)).toMatchObject({
      previous: true,
      current: false,
    });
    expect(after.find((k) => k.kid === current?.kid)?.current_until).toBeTruthy();
    const newNext = after.find((k) => k.next);
    expect(await jwks()).toEqual([next?.kid, newNext?.kid, current?.kid]);

    const revoked = await mgmt.keys.signing.revoke(current?.kid ?? '');
    expect(revoked.kid).toBe(current?.kid);
    // mgmt's cached token was signed by the key just revoked, so it is now rejected.
    await expect(mgmt.keys.signing.list()).rejects.toBeInstanceOf(UnauthorizedError);
    mgmt = managementClient(tenant);
    expect(await mgmt.keys.signing.get(current?.kid ?? '')).toMatchObject({ revoked: true });
    expect(await jwks()).not.toContain(current?.kid);
    // Revoked already: refused with 403 (the call documents no 409).
    await expect(mgmt.keys.signing.revoke(current?.kid ?? '')).rejects.toMatchObject({
      statusCode: 403,
      body: { errorCode: 'already_revoked' },
    });
  });

  it('a token signed by a revoked key stops working', async () => {
    const oldToken = await m2mToken(tenant);
    const client = managementClient(tenant, { token: oldToken, maxRetries: 0 });
    const old = (await client.keys.signing.list()).find((k) => k.current);
    await client.keys.signing.rotate();
    // Still valid after rotation (signed by the now-previous key)...
    expect((await client.users.get('auth0|alice')).user_id).toBe('auth0|alice');
    await client.keys.signing.revoke(old?.kid ?? '');
    // ...but not after revocation.
    await expect(client.users.get('auth0|alice')).rejects.toBeInstanceOf(UnauthorizedError);
    // New tokens are signed with the new current key.
    const fresh = await m2mToken(tenant);
    const header = JSON.parse(Buffer.from(fresh.split('.')[0] ?? '', 'base64url').toString());
    const current = (await managementClient(tenant, { token: fresh }).keys.signing.list()).find(
      (k) => k.current,
    );
    expect(header.kid).toBe(current?.kid);
  });
});
