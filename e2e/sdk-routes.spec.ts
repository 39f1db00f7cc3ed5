import { expect, test } from './fixtures';

// nextjs-auth0 mounts passkey enrolment, a My Account and My Organization proxy, MFA and
// passwordless endpoints and an access-token endpoint through its middleware. None of them pass
// Keyward's checks, so Keyward refuses them all: 404, and nothing reaches the tenant.

const REFUSED: [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown][] = [
  ['GET', '/auth/access-token'],
  ['GET', '/auth/profile'],
  ['POST', '/auth/passkey/enrollment-challenge', {}],
  ['POST', '/auth/passkey/enrollment-verify', { authenticationMethodId: 'passkey|new' }],
  ['POST', '/auth/passkey/register', {}],
  ['POST', '/auth/passkey/challenge', {}],
  ['POST', '/auth/mfa/challenge', {}],
  ['POST', '/auth/passwordless/start', { connection: 'email', email: 'alice@example.com' }],
  ['GET', '/auth/connect?connection=google-oauth2'],
  ['GET', '/me/v1/authentication-methods'],
  ['POST', '/me/v1/authentication-methods', { type: 'passkey' }],
  ['DELETE', '/me/v1/authentication-methods/passkey%7Cdev_anything'],
  ['PATCH', '/me/v1/authentication-methods/passkey%7Cdev_anything', { name: 'x' }],
  ['GET', '/my-org/v1/details'],
];

test('the SDK routes Keyward does not use answer 404 and reach nothing upstream', async ({
  page,
  app,
  tenant,
  signIn,
}) => {
  // Freshly signed in, so a recent sign-in is no reason for any refusal below.
  await signIn(page, 'alice');
  const before = (await page.request.get(`${app.url}/api/factors`)).status();
  expect(before).toBe(200);
  await tenant.clearStats();

  for (const [method, path, body] of REFUSED) {
    const res = await page.request.fetch(`${app.url}${path}`, {
      method,
      headers: { origin: app.url, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { data: body } : {}),
      maxRedirects: 0,
    });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(await res.json(), `${method} ${path}`).toEqual({
      error: { code: 'not_found', message: 'Not found.' },
    });
  }

  const { routes } = await tenant.stats();
  expect(routes).toEqual({});
});
