import { expect, test } from './fixtures';

test.describe('sign-in through the local tenant with nextjs-auth0', () => {
  test('alice signs in with her password and signs out', async ({ page, app, signIn }) => {
    await page.goto(app.url);
    await expect(page.getByText('Local tenant: demo data')).toBeVisible();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Email')).toBeVisible();
    expect(page.url()).not.toContain(app.url);

    await signIn(page, 'alice');
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: 'Signed in as Alice Example' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Manage your passkeys/ })).toHaveAttribute(
      'href',
      '/security',
    );

    await page.getByRole('navigation').getByRole('link', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/`);
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    const factors = await page.request.get(`${app.url}/api/factors`);
    expect(factors.status()).toBe(401);
  });

  test('the session cookie is HttpOnly and SameSite=Lax', async ({ page, app, signIn }) => {
    await signIn(page, 'alice');
    const cookies = await page.context().cookies(app.url);
    const session = cookies.find((c) => c.name === '__session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    // Secure only where the app is served over https; plain-http localhost would drop it.
    expect(session?.secure).toBe(false);
    // The session is an encrypted JWE (five parts), not a readable signed token (three).
    expect(session?.value.split('.')).toHaveLength(5);
  });

  test('bob signs in with his seeded passkey', async ({ page, app, signInWithPasskey }) => {
    await signInWithPasskey(page, 'bob');
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: 'Signed in as Bob Example' })).toBeVisible();
  });

  test('carol signs in through the simulated Google connection', async ({
    page,
    app,
    signInWithGoogle,
  }) => {
    await signInWithGoogle(page, 'carol');
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: 'Signed in as Carol Example' })).toBeVisible();
  });

  test('a wrong password shows an error and does not sign in', async ({ page, app }) => {
    await page.goto(`${app.url}/auth/login`);
    await page.getByLabel('Email').fill('alice@example.com');
    await page.getByLabel('Password').fill('not-her-password');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('Wrong email or password');
    expect(page.url()).not.toContain(app.url);
  });
});

test.describe('API protection', () => {
  test('a signed-out request to a protected API gets 401 JSON', async ({ request, app }) => {
    const res = await request.get(`${app.url}/api/factors`);
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
    });
  });

  test('a cross-origin mutation gets 403 even with a valid session', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'alice');
    const res = await page.request.patch(`${app.url}/api/factors/anything`, {
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      data: { name: 'pwned' },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe('cross_origin');
  });

  test('pages carry a nonce-based CSP and no inline-script allowance', async ({ request, app }) => {
    const res = await request.get(app.url);
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});
