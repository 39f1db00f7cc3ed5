import type * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tenantUrls } from '../src/config';
import { DEMO_PASSWORD, DEMO_USERS, SEEDED_CREDENTIALS, USER_AGENTS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { control, discoverAppClient, m2mToken, managementClient, startTestTenant } from './helpers';
import { MyAccountSession, me } from './my-account-client';
import { APP, signInWithGoogle, signInWithPasskey, signInWithPassword } from './sign-in';
import { buildAttestation, newSoftwareCredential, type SoftwareCredential } from './webauthn';

let tenant: RunningTenant;
let config: client.Configuration;

const METHODS = '/authentication-methods';
const CREATE = 'create:me:authentication_methods';
const READ = 'read:me:authentication_methods';

const danaPasskey = SEEDED_CREDENTIALS.find((c) => c.ref === 'dana-icloud');
if (!danaPasskey) throw new Error('seed changed');

beforeAll(async () => {
  tenant = await startTestTenant({ appUrls: [APP] });
  config = await discoverAppClient(tenant);
});
afterAll(async () => {
  await tenant?.close();
});
beforeEach(async () => {
  await control(tenant, 'POST', '/_local/reset', {});
  await control(tenant, 'DELETE', '/_local/faults');
  await control(tenant, 'POST', '/_local/rate-limit', {
    perSecond: null,
    myAccountReadsPerMinute: null,
  });
});

async function sessionFor(tokens: { refresh_token?: string }) {
  if (!tokens.refresh_token) throw new Error('no refresh token');
  return new MyAccountSession(tenant, tokens.refresh_token);
}

const dana = async () => sessionFor(await signInWithPasskey(tenant, config, danaPasskey));
const alice = async () =>
  sessionFor(await signInWithPassword(config, DEMO_USERS.alice.email, DEMO_PASSWORD));

interface Challenge {
  location: string;
  authSession: string;
  options: {
    challenge: string;
    rp: { id: string; name: string };
    user: { id: string; name: string; displayName: string };
    excludeCredentials: { id: string; type: string; transports?: string[] }[];
    [key: string]: unknown;
  };
}

async function challenge(token: string, body: unknown = { type: 'passkey' }): Promise<Challenge> {
  const res = await me(tenant, token, 'POST', METHODS, body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return {
    location: res.headers.get('location') ?? '',
    authSession: String(res.body.auth_session),
    options: res.body.authn_params_public_key as Challenge['options'],
  };
}

/** The id from the Location header, used "as it is", as nextjs-auth0 does. */
const idFrom = (location: string) => location.split('/').pop() ?? '';

function verify(
  token: string,
  started: Challenge,
  credential: SoftwareCredential,
  overrides: { origin?: string; rpId?: string; id?: string; authSession?: string } = {},
) {
  const authnResponse = buildAttestation({
    credential,
    challenge: started.options.challenge,
    origin: overrides.origin ?? APP,
    rpId: overrides.rpId ?? started.options.rp.id,
    aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
  });
  return me(
    tenant,
    token,
    'POST',
    `${METHODS}/${overrides.id ?? idFrom(started.location)}/verify`,
    { auth_session: overrides.authSession ?? started.authSession, authn_response: authnResponse },
    { 'user-agent': USER_AGENTS.chromeMac },
  );
}

describe('passkey enrolment through the My Account API', () => {
  it('enrols a passkey that the Management API lists and the sign-in page accepts', async () => {
    const session = await dana();
    const token = await session.token(`openid profile email offline_access ${CREATE}`);
    await control(tenant, 'DELETE', '/_local/stats');

    const started = await challenge(token);
    const { issuer } = tenantUrls(tenant.port);
    expect(started.location).toBe(`${issuer}me/v1/authentication-methods/passkey%7Cnew`);
    expect(started.authSession.length).toBeGreaterThan(20);
    expect(started.options).toMatchObject({
      rp: { id: 'localhost', name: 'Keyward' },
      user: {
        id: Buffer.from('auth0|dana').toString('base64url'),
        name: DEMO_USERS.dana.email,
        displayName: DEMO_USERS.dana.name,
      },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      timeout: 60000,
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      excludeCredentials: [
        { id: danaPasskey.keyId, type: 'public-key', transports: ['internal', 'hybrid'] },
      ],
    });
    expect(started.options.challenge).toMatch(/^[\w-]{43}$/);

    const credential = newSoftwareCredential(started.options.user.id);
    const verified = await verify(token, started, credential);
    expect(verified.status, JSON.stringify(verified.body)).toBe(201);
    const id = String(verified.body.id);
    expect(id).toMatch(/^passkey\|dev_/);
    expect(verified.headers.get('location')).toBe(
      `${issuer}me/v1/authentication-methods/${encodeURIComponent(id)}`,
    );
    expect(verified.body).toEqual({
      id,
      type: 'passkey',
      created_at: expect.any(String),
      usage: ['primary'],
      key_id: credential.keyId,
      public_key: expect.any(String),
      credential_device_type: 'multi_device',
      credential_backed_up: true,
      identity_user_id: 'dana',
      user_handle: started.options.user.id,
      transports: ['internal', 'hybrid'],
      user_agent: 'Chrome 131.0.0 / Mac OS X 10.15.7',
      aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
      relying_party_id: 'localhost',
    });

    // The Management API lists it with the same fields (its own names).
    const listed = await managementClient(tenant).users.authenticationMethods.list('auth0|dana');
    expect(listed.data).toHaveLength(2);
    expect(listed.data.find((m) => m.id === id)).toMatchObject({
      type: 'passkey',
      key_id: credential.keyId,
      public_key: verified.body.public_key,
      user_handle: started.options.user.id,
      identity_user_id: 'dana',
      aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
      credential_device_type: 'multi_device',
      credential_backed_up: true,
      transports: ['internal', 'hybrid'],
      user_agent: 'Chrome 131.0.0 / Mac OS X 10.15.7',
      relying_party_identifier: 'localhost',
    });

    // The My Account list shows both passkeys.
    const list = await me(tenant, await session.token(READ), 'GET', METHODS);
    expect(list.status).toBe(200);
    const methods = list.body.authentication_methods as { id: string; type: string }[];
    expect(methods.map((m) => m.type)).toEqual(['passkey', 'passkey']);
    expect(methods[1]?.id).toBe(id);

    // "Continue with a passkey" accepts the new passkey.
    const signedIn = await signInWithPasskey(tenant, config, credential);
    expect(signedIn.claims()?.sub).toBe('auth0|dana');

    const { body: stats } = await control(tenant, 'GET', '/_local/stats');
    expect(stats.routes).toMatchObject({
      'POST /me/v1/authentication-methods': 1,
      'POST /me/v1/authentication-methods/:id/verify': 1,
      'GET /me/v1/authentication-methods': 1,
    });
  });

  it('accepts the id raw (passkey|new) as well as percent-encoded', async () => {
    const token = await (await alice()).token(CREATE);
    const started = await challenge(token);
    const credential = newSoftwareCredential(started.options.user.id);
    const verified = await verify(token, started, credential, { id: 'passkey|new' });
    expect(verified.status).toBe(201);
    expect(verified.body.identity_user_id).toBe('alice');
  });

  it('refuses an origin that is not one of the application’s Allowed Origins', async () => {
    const token = await (await dana()).token(CREATE);
    for (const origin of [tenant.url, 'https://evil.example']) {
      const started = await challenge(token);
      const res = await verify(token, started, newSoftwareCredential(started.options.user.id), {
        origin,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(String(res.body.detail)).toMatch(/origin/i);
    }
  });

  it('uses each auth_session once, whatever the outcome', async () => {
    const token = await (await dana()).token(CREATE);
    const started = await challenge(token);
    const credential = newSoftwareCredential(started.options.user.id);
    // A failed verify (wrong RP ID) uses the session up...
    expect((await verify(token, started, credential, { rpId: 'evil.example' })).status).toBe(400);
    const retried = await verify(token, started, credential);
    expect(retried.status).toBe(400);
    expect(retried.body.detail).toBe(
      'The auth_session is invalid, has expired or has already been used.',
    );
    // ...and so does a successful one.
    const again = await challenge(token);
    expect((await verify(token, again, credential)).status).toBe(201);
    expect((await verify(token, again, newSoftwareCredential(again.options.user.id))).status).toBe(
      400,
    );
    expect((await verify(token, again, credential, { authSession: 'made-up' })).status).toBe(400);
  });

  it("refuses another user's auth_session", async () => {
    const aliceToken = await (await alice()).token(CREATE);
    const danaToken = await (await dana()).token(CREATE);
    const started = await challenge(aliceToken);
    const credential = newSoftwareCredential(started.options.user.id);
    const stolen = await verify(danaToken, started, credential);
    expect(stolen.status).toBe(400);
    // Presented once, it is gone for its owner too.
    expect((await verify(aliceToken, started, credential)).status).toBe(400);
    const methods = await managementClient(tenant).users.authenticationMethods.list('auth0|dana');
    expect(methods.data).toHaveLength(1);
  });

  it('refuses a credential id registered anywhere with 400 (verify documents no 409)', async () => {
    const token = await (await alice()).token(CREATE);
    const started = await challenge(token);
    const bob = SEEDED_CREDENTIALS.find((c) => c.ref === 'bob-bitwarden');
    const clash = { ...newSoftwareCredential(started.options.user.id), keyId: bob?.keyId ?? '' };
    const res = await verify(token, started, clash);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: 'Authentication method already exists.',
    });
  });

  it('refuses users without a database identity', async () => {
    const carol = await sessionFor(await signInWithGoogle(config, DEMO_USERS.carol.user_id));
    const res = await me(tenant, await carol.token(CREATE), 'POST', METHODS, { type: 'passkey' });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/database connection identity/);
    // Dana signing in with Google acts on the same user, who has one.
    const danaViaGoogle = await sessionFor(await signInWithGoogle(config, DEMO_USERS.dana.user_id));
    expect((await challenge(await danaViaGoogle.token(CREATE))).options.user.name).toBe(
      DEMO_USERS.dana.email,
    );
  });

  it('validates the body: type, connection, identity, unknown fields, media type', async () => {
    const token = await (await dana()).token(CREATE);
    const post = (body: unknown, headers?: Record<string, string>) =>
      me(tenant, token, 'POST', METHODS, body, headers);

    const extra = await post({ type: 'passkey', name: 'Laptop' });
    expect(extra.status).toBe(400);
    expect(extra.body.validation_errors).toEqual([
      {
        detail: 'Additional properties not allowed: name',
        field: 'name',
        pointer: '/name',
        source: 'body',
      },
    ]);
    expect((await post({ type: 'totp' })).body.detail).toMatch(/not supported by the local tenant/);
    expect((await post({ type: 'webauthn-roaming' })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect((await post({ type: 'passkey', connection: 'google-oauth2' })).status).toBe(400);
    expect((await post({ type: 'passkey', identity_user_id: 'google-oauth2|dana' })).status).toBe(
      400,
    );
    for (const identity of ['dana', 'auth0|dana']) {
      const ok = await post({
        type: 'passkey',
        connection: 'Username-Password-Authentication',
        identity_user_id: identity,
      });
      expect(ok.status).toBe(202);
    }
    const form = await post('type=passkey', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
    expect((await post('{not json')).status).toBe(400);
  });

  it('refuses a 21st passkey with 403', async () => {
    const mgmt = managementClient(tenant);
    for (let i = 0; i < 19; i++) {
      await mgmt.users.authenticationMethods.create('auth0|dana', {
        type: 'passkey',
        key_id: `dana-extra-${i}`,
        public_key: 'pQECAyYgASFYIA',
      });
    }
    const res = await me(tenant, await (await dana()).token(CREATE), 'POST', METHODS, {
      type: 'passkey',
    });
    expect(res.status).toBe(403);
  });
});

describe('My Account API access', () => {
  it('401 without a token, with a garbage one, or with a Management API token', async () => {
    for (const token of [undefined, 'garbage', await m2mToken(tenant)]) {
      const res = await me(tenant, token, 'GET', METHODS);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ type: 'invalid_token', status: 401, title: 'Unauthorized' });
      expect(typeof res.body.detail).toBe('string');
    }
  });

  it('403 without the scope the call needs', async () => {
    const session = await dana();
    const readOnly = await session.token(READ);
    const createOnly = await session.token(CREATE);
    const post = await me(tenant, readOnly, 'POST', METHODS, { type: 'passkey' });
    expect(post.status).toBe(403);
    expect(post.body).toMatchObject({ status: 403, title: 'Forbidden' });
    expect((await me(tenant, createOnly, 'GET', METHODS)).status).toBe(403);
    const started = await challenge(createOnly);
    const verified = await verify(
      readOnly,
      started,
      newSoftwareCredential(started.options.user.id),
    );
    expect(verified.status).toBe(403);
  });

  it('lists methods in My Account shape, with a type filter', async () => {
    const session = await alice();
    const res = await me(tenant, await session.token(READ), 'GET', METHODS);
    expect(res.status).toBe(200);
    const methods = res.body.authentication_methods as Record<string, unknown>[];
    expect(methods.map((m) => [m.type, m.usage])).toEqual([
      ['password', ['primary']],
      ['passkey', ['primary']],
      ['webauthn-roaming', ['secondary']],
      ['totp', ['secondary']],
    ]);
    expect(methods[2]).toMatchObject({ name: 'Desk key', confirmed: true });
    const filtered = await me(tenant, await session.token(READ), 'GET', `${METHODS}?type=passkey`);
    expect((filtered.body.authentication_methods as unknown[]).length).toBe(1);
    expect((await me(tenant, await session.token(READ), 'GET', `${METHODS}?type=x`)).status).toBe(
      400,
    );
  });

  it('limits list reads per user per minute (Auth0 Free: 2)', async () => {
    const { body } = await control(tenant, 'POST', '/_local/rate-limit', {
      myAccountReadsPerMinute: 2,
    });
    expect(body).toMatchObject({ myAccountReadsPerMinute: 2 });
    const token = await (await dana()).token(READ);
    const first = await me(tenant, token, 'GET', METHODS);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await me(tenant, token, 'GET', METHODS)).status).toBe(200);
    const limited = await me(tenant, token, 'GET', METHODS);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(Number(limited.headers.get('retry-after'))).toBe(30);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    // Per user: alice still reads; writes are not limited; /_local/reset forgets the usage.
    expect((await me(tenant, await (await alice()).token(READ), 'GET', METHODS)).status).toBe(200);
    await control(tenant, 'POST', '/_local/reset', {});
    expect((await me(tenant, token, 'GET', METHODS)).status).toBe(200);
  });

  it('is not subject to the Management API rate limit, but to injected faults', async () => {
    const token = await (await dana()).token(READ);
    await control(tenant, 'POST', '/_local/rate-limit', { perSecond: 1 });
    for (let i = 0; i < 3; i++) expect((await me(tenant, token, 'GET', METHODS)).status).toBe(200);
    await control(tenant, 'POST', '/_local/faults', {
      route: 'GET /me/v1/authentication-methods',
      status: 503,
      count: 1,
    });
    const faulted = await me(tenant, token, 'GET', METHODS);
    expect(faulted.status).toBe(503);
    expect(faulted.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect((await me(tenant, token, 'GET', METHODS)).status).toBe(200);
  });

  it('says which My Account calls the local tenant does not implement', async () => {
    const token = await (await dana()).token(READ);
    expect((await me(tenant, token, 'DELETE', `${METHODS}/passkey%7Cdev_x`)).status).toBe(501);
    expect((await me(tenant, token, 'GET', '/factors')).status).toBe(501);
    expect((await me(tenant, token, 'GET', '/no-such-call')).status).toBe(404);
  });
});
