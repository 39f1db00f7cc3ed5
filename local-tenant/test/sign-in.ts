// Real sign-ins over HTTP, as the Keyward app (openid-client, PKCE) and a browser (cookie jar)
// would do them, ending with the tokens the app would get.
import * as client from 'openid-client';
import type { RunningTenant } from '../src/server';
import { Browser, formAction } from './browser';
import { buildAssertion, type SoftwareCredential } from './webauthn';

export const APP = 'http://localhost:3000';
export const CALLBACK = `${APP}/auth/callback`;
/** What nextjs-auth0 asks for by default. */
export const DEFAULT_SCOPE = 'openid profile email offline_access';

export interface LoginStart {
  browser: Browser;
  verifier: string;
  state: string;
  landed: { url: string; res: Response };
}

/** Opens /authorize in `browser`; lands on the sign-in page (or at the app if a session exists). */
export async function startLogin(
  config: client.Configuration,
  browser: Browser = new Browser(),
  extra: Record<string, string> = {},
): Promise<LoginStart> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CALLBACK,
    scope: DEFAULT_SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  });
  const landed = await browser.follow(url.href, CALLBACK);
  return { browser, verifier, state, landed };
}

export function exchangeCode(config: client.Configuration, start: LoginStart, callbackUrl: string) {
  return client.authorizationCodeGrant(config, new URL(callbackUrl), {
    pkceCodeVerifier: start.verifier,
    expectedState: start.state,
  });
}

/** Signs in with email and password; returns the app's tokens. */
export async function signInWithPassword(
  config: client.Configuration,
  email: string,
  password: string,
  extra: Record<string, string> = {},
  browser: Browser = new Browser(),
) {
  const start = await startLogin(config, browser, extra);
  const html = await start.landed.res.text();
  const action = new URL(formAction(html, '/password'), start.landed.url).href;
  const done = await start.browser.postForm(action, { email, password }, CALLBACK);
  if (!done.url.startsWith(CALLBACK)) throw new Error(`password sign-in failed: ${done.url}`);
  return exchangeCode(config, start, done.url);
}

/** "Continue with a passkey" on the tenant's sign-in page; returns the verify response. */
export async function passkeyOnLoginPage(
  tenant: RunningTenant,
  start: LoginStart,
  credential: SoftwareCredential,
): Promise<Response> {
  const base = `${tenant.url}${new URL(start.landed.url).pathname}`;
  const options = await start.browser.request(`${base}/passkey/options`, { method: 'POST' });
  const { challenge, rpId } = (await options.json()) as { challenge: string; rpId: string };
  const assertion = buildAssertion({ credential, challenge, origin: tenant.url, rpId });
  return start.browser.request(`${base}/passkey/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(assertion),
  });
}

/** Signs in with a passkey; returns the app's tokens. */
export async function signInWithPasskey(
  tenant: RunningTenant,
  config: client.Configuration,
  credential: SoftwareCredential,
) {
  const start = await startLogin(config);
  const verify = await passkeyOnLoginPage(tenant, start, credential);
  if (verify.status !== 200) throw new Error(`passkey sign-in failed: ${await verify.text()}`);
  const { redirectTo } = (await verify.json()) as { redirectTo: string };
  const done = await start.browser.follow(redirectTo, CALLBACK);
  return exchangeCode(config, start, done.url);
}

/** "Continue with Google (simulated)", choosing `userId`; returns the app's tokens. */
export async function signInWithGoogle(config: client.Configuration, userId: string) {
  const start = await startLogin(config);
  const chooserUrl = new URL(`${new URL(start.landed.url).pathname}/google`, start.landed.url);
  const chooser = await start.browser.request(chooserUrl.href);
  const action = new URL(formAction(await chooser.text(), '/google'), start.landed.url).href;
  const done = await start.browser.postForm(action, { user_id: userId }, CALLBACK);
  if (!done.url.startsWith(CALLBACK)) throw new Error(`Google sign-in failed: ${done.url}`);
  return exchangeCode(config, start, done.url);
}
