// POST /api/passkeys when Auth0's answers go missing: the real route, the real lib/ modules and
// the real ManagementClient against the local tenant (in-process), with its fault controls.
// Faked: the session (auth0.getSession) and nextjs-auth0's My Account calls, whose "Auth0 stored
// the passkey" is played by a Management API create in the tenant, so the key really exists; its
// token minting returns a real My Account token for alice, so naming the passkey is real.
import { randomBytes } from 'node:crypto';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRegistration } from '@/lib/webauthn/test-authenticator';
import { DEMO_PASSWORD, DEMO_USERS } from '@/local-tenant/src/seed-data';
import type { RunningTenant } from '@/local-tenant/src/server';
import { discoverAppClient } from '@/local-tenant/test/helpers';
import { MyAccountSession } from '@/local-tenant/test/my-account-client';
import { signInWithPassword } from '@/local-tenant/test/sign-in';
import {
  METHODS_LIST as LIST_ROUTE,
  startTestTenant,
  type TestTenant,
} from '@/test/in-process-tenant';

type Verify = (args: { authResponse: { id: string } }) => Promise<{ id: string }>;
const h = vi.hoisted(() => ({
  session: null as SessionData | null,
  verify: (async () => ({ id: '' })) as Verify,
  // A real My Account token for alice (the name is saved through My Account's PATCH).
  mint: async (_scope: string) => 'my-account-token',
}));

vi.mock('@/lib/auth0', () => ({
  auth0: {
    getSession: async () => h.session,
    getAccessToken: async ({ scope }: { scope: string }) => ({
      token: await h.mint(scope),
      expiresAt: 0,
    }),
    passkey: { enrollmentVerify: (args: { authResponse: { id: string } }) => h.verify(args) },
  },
}));

type Route = (req: NextRequest) => Promise<Response>;

const APP = 'http://localhost:3000';
const COOKIE = 'kw_passkey_enrolment';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const alice = DEMO_USERS.alice;

let tenant: TestTenant;
let finish: Route;
let listRoute: Route;
let cookieFor: (challenge: string) => string;
let storePasskey: (keyId: string) => Promise<string>;
let unanswered: () => Error;

function signIn() {
  const authTime = Math.floor(Date.now() / 1000);
  h.session = {
    user: { sub: alice.user_id, email: alice.email, name: alice.name, auth_time: authTime },
    tokenSet: {
      accessToken: 'unused',
      idToken: 'unused',
      refreshToken: 'unused',
      scope: 'openid profile email offline_access',
      expiresAt: authTime + 3600,
    },
    internal: { sid: randomBytes(8).toString('hex'), createdAt: authTime },
  };
}

function finishRequest(name: string) {
  const challenge = randomBytes(32).toString('base64url');
  const response = createRegistration({ challenge, origin: APP, rpId: 'localhost' });
  const req = new NextRequest(`${APP}/api/passkeys`, {
    method: 'POST',
    headers: {
      origin: APP,
      'content-type': 'application/json',
      'user-agent': CHROME,
      cookie: `${COOKIE}=${cookieFor(challenge)}`,
    },
    body: JSON.stringify({ response, name }),
  });
  return { req, keyId: response.id };
}

const clearFaults = async () =>
  expect((await fetch(`${tenant.url}/_local/faults`, { method: 'DELETE' })).ok).toBe(true);

const keyIdsOf = async (userId: string) => (await tenant.methodsOf(userId)).map((m) => m.key_id);

const addedMails = async (quoted: string) =>
  (await tenant.inbox()).filter(
    (m) =>
      m.to.includes(alice.email) &&
      m.subject === 'A passkey was added to your account' &&
      m.text.includes(quoted),
  );

beforeAll(async () => {
  tenant = await startTestTenant();
  finish = (await import('@/app/api/passkeys/route')).POST;
  listRoute = (await import('@/app/api/factors/route')).GET;
  const { sealChallenge } = await import('@/lib/webauthn/challenge-cookie');
  const { webauthnConfig } = await import('@/lib/webauthn/config');
  cookieFor = (challenge) =>
    sealChallenge(
      {
        kind: 'passkey',
        challenge,
        userId: alice.user_id,
        authSession: 'auth-session',
        methodId: 'passkey|new',
        exp: Date.now() + 60_000,
        taken: [],
      },
      webauthnConfig().cookieKey,
    );
  const { managementCall } = await import('@/lib/management/client');
  storePasskey = async (keyId) =>
    (
      await managementCall((m) =>
        m.users.authenticationMethods.create(alice.user_id, {
          type: 'passkey',
          key_id: keyId,
          public_key: 'pQECAyYgASFYIA',
        }),
      )
    ).id ?? '';
  const { PasskeyEnrollmentVerifyError } = await import('@auth0/nextjs-auth0/errors');
  unanswered = () => new PasskeyEnrollmentVerifyError('unexpected_error', 'fetch failed');
  const running = { url: tenant.url, port: Number(new URL(tenant.url).port) } as RunningTenant;
  const tokens = await signInWithPassword(
    await discoverAppClient(running),
    alice.email,
    DEMO_PASSWORD,
  );
  const session = new MyAccountSession(running, tokens.refresh_token ?? '');
  h.mint = (scope) => session.token(scope);
});

afterAll(async () => {
  await tenant?.close();
});

beforeEach(async () => {
  await tenant.reset();
  signIn();
});

describe('POST /api/passkeys', () => {
  it('a passkey Auth0 confirmed is answered 201 even when the read after it fails', async () => {
    h.verify = async ({ authResponse }) => {
      const id = await storePasskey(authResponse.id);
      // Auth0 answered; from now on every read of the list fails.
      await tenant.fault({ route: LIST_ROUTE, status: 503 });
      return { id };
    };
    const { req, keyId } = finishRequest('Laptop');
    const res = await finish(req);
    await clearFaults();

    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.factor).toMatchObject({ kind: 'passkey', name: 'Laptop' });
    expect(body.nameSaved).toBe(true);
    expect(body.view).toBeNull();
    expect(await keyIdsOf(alice.user_id)).toContain(keyId);
    await vi.waitFor(async () => expect(await addedMails('“Laptop”')).toHaveLength(1), {
      timeout: 10_000,
    });
  });

  it('a passkey Auth0 did not confirm is 503 outcome_unknown, and mailed once when a later read shows it', async () => {
    h.verify = async () => {
      throw unanswered();
    };
    const { req, keyId } = finishRequest('Phone');
    const res = await finish(req);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('outcome_unknown');
    expect(await addedMails('“Phone”')).toHaveLength(0);

    // Auth0 stores it after Keyward answered, as a lost answer's write may.
    await storePasskey(keyId);
    for (let i = 0; i < 2; i++) {
      const list = await listRoute(
        new NextRequest(`${APP}/api/factors`, { headers: { 'user-agent': CHROME } }),
      );
      expect(list.status).toBe(200);
    }
    await vi.waitFor(async () => expect(await addedMails('“Phone”')).toHaveLength(1), {
      timeout: 10_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await addedMails('“Phone”')).toHaveLength(1);
  });

  it('a passkey neither confirmed nor found because the read fails too is outcome_unknown', async () => {
    h.verify = async () => {
      await tenant.fault({ route: LIST_ROUTE, status: 503 });
      throw unanswered();
    };
    const res = await finish(finishRequest('Tablet').req);
    await clearFaults();
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('outcome_unknown');
  });
});
