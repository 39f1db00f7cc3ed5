// Sign-in as nextjs-auth0 does it for Keyward: discovery, authorization code + PKCE with
// client_secret_post, the ID token's claims, max_age re-authentication and refresh tokens.

import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { sleep } from './http';
import { discover, Login, type LoginResult } from './login';
import { answer, contractTest, IS_REAL, type LiveTarget, openTarget } from './target';

let target: LiveTarget;
let config: oidc.Configuration;
let login: Login | undefined;
let first: Promise<LoginResult> | undefined;

beforeAll(async () => {
  target = await openTarget();
  config = await discover(target);
  if (target.login) login = new Login(target, config);
});
afterAll(async () => {
  await login?.close();
  await target?.close();
});

/** One ordinary sign-in shared by the tests that only read its result. */
function ordinaryLogin(): Promise<LoginResult> {
  if (!login) throw new Error('no login configured');
  first ??= login.signIn();
  return first;
}

async function verifiedIdToken(tokens: LoginResult['tokens']) {
  const jwks = createRemoteJWKSet(new URL(`${target.issuer}.well-known/jwks.json`));
  const idToken = tokens.id_token;
  expect(typeof idToken).toBe('string');
  const { payload } = await jwtVerify(idToken as string, jwks, {
    issuer: target.issuer,
    audience: target.app.clientId,
  });
  return { payload, kid: decodeProtectedHeader(idToken as string).kid };
}

describe('OIDC', () => {
  contractTest(
    'discovery: the issuer is https://{sign-in domain}/ and the endpoints are Auth0’s',
    [],
    () => {
      const meta = config.serverMetadata();
      const origin = target.origin(target.signInDomain);
      expect(meta).toMatchObject({
        issuer: target.issuer,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/oauth/token`,
        jwks_uri: `${origin}/.well-known/jwks.json`,
        userinfo_endpoint: `${origin}/userinfo`,
      });
      expect(meta.code_challenge_methods_supported).toContain('S256');
      expect(meta.token_endpoint_auth_methods_supported).toContain('client_secret_post');
    },
  );

  contractTest(
    'authorization code + PKCE signs the user in; the ID token is signed by the current key',
    ['login'],
    async () => {
      const { tokens } = await ordinaryLogin();
      const { payload, kid } = await verifiedIdToken(tokens);
      expect(payload.sub).toBe(target.userId);
      expect(typeof payload.sid).toBe('string');
      const current = (await target.management().keys.signing.list()).find((k) => k.current);
      expect(kid).toBe(current?.kid);
      expect(tokens.token_type.toLowerCase()).toBe('bearer');
      if (!IS_REAL) expect(payload.email).toBe('alice@example.com');
    },
  );

  // Keyward keeps auth_time only when it is a number and otherwise treats the session as not
  // recently signed in: sensitive changes then ask for a fresh sign-in (max_age), never skip it.
  contractTest(
    'UNCONFIRMED Q5: auth_time arrives in the ID token of an ordinary login',
    ['login'],
    async () => {
      const { tokens } = await ordinaryLogin();
      const { payload } = await verifiedIdToken(tokens);
      const authTime = payload.auth_time;
      answer(
        'Q5 auth_time on an ordinary login',
        authTime === undefined ? 'absent' : `present (${typeof authTime})`,
      );
      if (authTime === undefined && IS_REAL) return;
      expect(typeof authTime).toBe('number');
      const now = Date.now() / 1000;
      // The sign-in just happened (a shared login may be a few minutes old on a slow run).
      expect(authTime as number).toBeLessThanOrEqual(now + 60);
      expect(authTime as number).toBeGreaterThan(now - 900);
    },
  );

  contractTest('max_age=0 forces a fresh login and a newer auth_time', ['login'], async () => {
    const { tokens } = await ordinaryLogin();
    const before = (await verifiedIdToken(tokens)).payload.auth_time as number;
    // auth_time has one-second resolution.
    while (Date.now() / 1000 < before + 1.1) await sleep(200);

    const silent = await (login as Login).signIn();
    expect(silent.prompted, 'an existing session is reused without max_age').toBe(false);

    const forced = await (login as Login).signIn({ max_age: '0' });
    expect(forced.prompted, 'the sign-in page asked for the password again').toBe(true);
    const after = (await verifiedIdToken(forced.tokens)).payload;
    expect(after.sub).toBe(target.userId);
    expect(typeof after.auth_time).toBe('number');
    expect(after.auth_time as number).toBeGreaterThan(before);
  });

  contractTest('offline_access yields a refresh token', ['login'], async () => {
    const { tokens } = await ordinaryLogin();
    expect(tokens.scope?.split(' ')).toContain('offline_access');
    expect(typeof tokens.refresh_token).toBe('string');
  });

  contractTest(
    'refresh tokens rotate and a rotated one is refused on reuse',
    ['login'],
    async () => {
      // Its own sign-in: reusing a rotated token revokes the whole family at Auth0.
      const { tokens } = await (login as Login).signIn({ prompt: 'login' });
      const original = tokens.refresh_token as string;
      expect(typeof original).toBe('string');

      const refreshed = await oidc.refreshTokenGrant(config, original);
      expect(typeof refreshed.access_token).toBe('string');
      const rotated =
        typeof refreshed.refresh_token === 'string' && refreshed.refresh_token !== original;

      const reuse = await oidc
        .refreshTokenGrant(config, original)
        .then(() => 'accepted')
        .catch((error: unknown) =>
          error instanceof oidc.ResponseBodyError ? error.error : 'failed otherwise',
        );
      answer(
        'refresh-token rotation',
        rotated ? `rotated; reuse of the old one: ${reuse}` : 'not rotated (rotation is off)',
      );
      if (!IS_REAL) {
        expect(rotated).toBe(true);
        expect(reuse).toBe('invalid_grant');
      } else if (rotated) {
        // Accepted only inside the application's reuse interval.
        expect(reuse).toBeOneOf(['invalid_grant', 'accepted']);
      }
    },
  );
});

describe('the suite itself', () => {
  // The Universal Login driver used against a real tenant, run here against the local sign-in
  // page, so that code path is exercised on every run and not only when someone has a tenant.
  contractTest(
    'the Chromium sign-in driver completes a login, reuses the session and honours max_age=0',
    ['localOnly', 'chromium'],
    async () => {
      const browserLogin = new Login(target, config, { browser: true });
      try {
        const first = await browserLogin.signIn();
        expect(first.prompted).toBe(true);
        expect(first.tokens.claims()?.sub).toBe(target.userId);
        expect((await browserLogin.signIn()).prompted).toBe(false);
        expect((await browserLogin.signIn({ max_age: '0' })).prompted).toBe(true);
      } finally {
        await browserLogin.close();
      }
    },
    // Launching Chromium and three sign-ins: slow on a loaded 2-core machine.
    120_000,
  );
});
