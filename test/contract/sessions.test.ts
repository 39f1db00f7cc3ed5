// "Where you're signed in" and signing out, as Keyward calls them: the Management API's sessions
// (list, end one, end all: lib/sessions/), the back-channel logout token a tenant-initiated logout
// sends, refresh-token revocation (/oauth/revoke, nextjs-auth0 on sign-out) and the logout
// redirect (/oidc/logout). Sessions and back-channel logout need Auth0's Enterprise plan: on a
// tenant without them the sessions tests print the answer and pass, since Keyward then hides the
// section (lib/management/errors.ts isPlanRefusal).

import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { recordLogoutToken } from '@/local-tenant/src/http/record';
import { sleep } from './http';
import { discover, Login } from './login';
import { describeFailure, outcome } from './management';
import { answer, contractTest, IS_REAL, type LiveTarget, openTarget } from './target';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

let target: LiveTarget;
let config: oidc.Configuration;
const logins: Login[] = [];

beforeAll(async () => {
  target = await openTarget();
  config = await discover(target);
});
afterAll(async () => {
  for (const login of logins) await login.close();
  await target?.close();
});

/** A new user agent's sign-in: a new Auth0 session. Answers its sid and tokens. */
async function freshSession() {
  const login = new Login(target, config);
  logins.push(login);
  const { tokens } = await login.signIn();
  const sid = tokens.claims()?.sid;
  expect(sid, 'the ID token carries the session id').toEqual(expect.any(String));
  return { login, tokens, sid: sid as string };
}

const mgmt = () => target.management();

/** The user's session ids (Keyward's call: lib/sessions/get-sessions.ts), or the refusal. */
async function sessionIds() {
  const listed = await outcome(mgmt().users.sessions.list(target.userId, { take: 100 }));
  return listed.ok ? { ok: true as const, ids: listed.value.data.map((s) => s.id) } : listed;
}

/**
 * Whether a refusal says the plan lacks sessions (a 403 that is not about scopes). Then the test
 * has nothing to check: Keyward hides the section and the doctor reports "off".
 */
function notOnPlan(result: { ok: false; status: number | undefined; body: unknown }): boolean {
  const plan = result.status === 403 && !/scope/i.test(describeFailure(result));
  if (plan) answer('sessions on this plan', `refused ${describeFailure(result)}`);
  if (!IS_REAL) expect(plan, 'the local tenant has sessions').toBe(false);
  return plan;
}

/** Auth0 ends sessions asynchronously (202): wait until the id is gone from the list. */
async function gone(id: string): Promise<boolean> {
  const deadline = Date.now() + (IS_REAL ? 60_000 : 0);
  for (;;) {
    const listed = await sessionIds();
    if (listed.ok && !listed.ids.includes(id)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(2_000);
  }
}

describe('sessions', () => {
  contractTest(
    "users.sessions.list shows a new sign-in's session, with the fields Keyward shows",
    ['login'],
    async () => {
      const { sid } = await freshSession();
      const listed = await outcome(mgmt().users.sessions.list(target.userId, { take: 100 }));
      if (!listed.ok) {
        if (notOnPlan(listed)) return;
        throw new Error(`list refused: ${describeFailure(listed)}`);
      }
      const session = listed.value.data.find((s) => s.id === sid);
      expect(session, 'the session of the ID token’s sid is listed').toBeDefined();
      // What lib/sessions/map-sessions.ts reads.
      expect(session).toMatchObject({
        id: sid,
        user_id: target.userId,
        created_at: expect.any(String),
        clients: expect.arrayContaining([{ client_id: target.app.clientId }]),
      });
      expect(session?.device ?? {}).toEqual(expect.any(Object));
      const one = await outcome(mgmt().sessions.get(sid));
      expect(one.ok ? one.value.id : describeFailure(one)).toBe(sid);
    },
  );

  contractTest(
    'sessions.delete ends one session (202), and it leaves the list',
    ['login'],
    async () => {
      const { sid } = await freshSession();
      const ended = await outcome(mgmt().sessions.delete(sid).withRawResponse());
      if (!ended.ok) {
        if (notOnPlan(ended)) return;
        throw new Error(`delete refused: ${describeFailure(ended)}`);
      }
      expect(ended.value.rawResponse.status).toBe(202);
      expect(await gone(sid)).toBe(true);
      const again = await outcome(mgmt().sessions.get(sid));
      expect(again.ok ? 'still there' : again.status).toBe(404);
    },
  );

  contractTest(
    'users.sessions.delete ends every session of the user (202)',
    ['login'],
    async () => {
      const first = await freshSession();
      const second = await freshSession();
      const ended = await outcome(mgmt().users.sessions.delete(target.userId).withRawResponse());
      if (!ended.ok) {
        if (notOnPlan(ended)) return;
        throw new Error(`delete all refused: ${describeFailure(ended)}`);
      }
      expect(ended.value.rawResponse.status).toBe(202);
      expect(await gone(first.sid)).toBe(true);
      expect(await gone(second.sid)).toBe(true);
    },
  );
});

describe('back-channel logout', () => {
  contractTest(
    'ending a session at the tenant posts a logout token for it to the app',
    ['login', 'receiveBackchannel'],
    async () => {
      const { sid } = await freshSession();
      const before = target.logoutTokens().length;
      const ended = await outcome(mgmt().sessions.delete(sid));
      expect(ended.ok ? 'ended' : describeFailure(ended)).toBe('ended');
      // The local tenant sends before it answers; wait for the token all the same.
      const deadline = Date.now() + 10_000;
      while (target.logoutTokens().length === before && Date.now() < deadline) await sleep(100);
      const token = target.logoutTokens().at(-1);
      expect(token, 'a logout token reached the app').toEqual(expect.any(String));

      // What nextjs-auth0 checks before ending Keyward's sessions of that sid.
      const jwks = createRemoteJWKSet(new URL(`${target.issuer}.well-known/jwks.json`));
      const { payload, protectedHeader } = await jwtVerify(token as string, jwks, {
        issuer: target.issuer,
        audience: target.app.clientId,
        algorithms: ['RS256'],
      });
      expect(payload).toMatchObject({
        sid,
        sub: target.userId,
        events: { [BACKCHANNEL_EVENT]: {} },
      });
      expect(payload).not.toHaveProperty('nonce');
      expect(payload.jti).toEqual(expect.any(String));
      // The schema check (npm run test:schemas) validates it against Auth0's sample token.
      recordLogoutToken(decodeProtectedHeader(token as string), payload);
      expect(protectedHeader.kid).toEqual(expect.any(String));
    },
  );
});

describe('signing out', () => {
  contractTest(
    '/oauth/revoke revokes a refresh token: a refresh with it is then refused',
    ['login'],
    async () => {
      const { tokens } = await freshSession();
      const refreshToken = tokens.refresh_token;
      expect(refreshToken, 'offline_access gives a refresh token').toEqual(expect.any(String));
      expect(config.serverMetadata().revocation_endpoint).toBe(
        `${target.origin(target.signInDomain)}/oauth/revoke`,
      );
      // nextjs-auth0 on sign-out: client_secret_post, token_type_hint refresh_token.
      await oidc.tokenRevocation(config, refreshToken as string, {
        token_type_hint: 'refresh_token',
      });
      const refused = await oidc.refreshTokenGrant(config, refreshToken as string).then(
        () => 'accepted',
        (error: unknown) => (error instanceof oidc.ResponseBodyError ? error.error : String(error)),
      );
      expect(refused).toBe('invalid_grant');
    },
  );

  contractTest(
    '/oidc/logout with id_token_hint ends the session and returns to an Allowed Logout URL',
    ['login'],
    async () => {
      const { login, tokens, sid } = await freshSession();
      const endSession = config.serverMetadata().end_session_endpoint;
      expect(endSession).toBe(`${target.origin(target.signInDomain)}/oidc/logout`);
      const returnTo = target.appOrigin as string;
      // nextjs-auth0's logout URL (buildEndSessionUrl) for an OIDC-conformant tenant.
      const url = oidc.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token as string,
        post_logout_redirect_uri: returnTo,
      });
      const { status, location } = await login.visit(url.href);
      expect(status).toBe(302);
      expect(location?.replace(/\/$/, '')).toBe(returnTo.replace(/\/$/, ''));
      const ended = await gone(sid);
      answer('session after /oidc/logout', ended ? 'ended' : 'still listed');
      // Locally the HTTP agent carries the session cookie, so the session must end; Chromium's
      // cookie is not sent by this request on a real tenant.
      if (!IS_REAL) expect(ended).toBe(true);
    },
  );
});
