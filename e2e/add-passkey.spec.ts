import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { expect, test } from './fixtures';

// Adding passkeys (through Auth0's My Account API) and security keys (verified by Keyward, stored
// through the Management API) with a CDP virtual authenticator in real Chromium.

const section = (page: Page, heading: 'Passkeys' | 'Security keys') =>
  page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });

/** The card whose name (h3) is exactly `name`. */
const card = (scope: Locator, name: string) =>
  scope
    .getByRole('listitem')
    .filter({ has: scope.page().getByRole('heading', { level: 3, name, exact: true }) });

/**
 * Clicks an add button: the key is stored under its suggested name at once, and the rename form
 * opens with that name. Keeps it and returns it.
 */
async function addAndSave(
  page: Page,
  button: 'Add a passkey' | 'Add a security key',
): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  const name = page.getByRole('textbox', { name: 'Name' });
  await expect(name).toBeFocused();
  const prefilled = await name.inputValue();
  await page.getByRole('button', { name: /^Save / }).click();
  await expect(name).toHaveCount(0);
  return prefilled;
}

async function factorCount(page: Page, appUrl: string, kind: string): Promise<number> {
  const res = await page.request.get(`${appUrl}/api/factors`);
  expect(res.status()).toBe(200);
  const { factors } = (await res.json()) as { factors: { kind: string }[] };
  return factors.filter((f) => f.kind === kind).length;
}

async function passwordSignIn(page: Page, appUrl: string) {
  await page.getByLabel('Email').fill(DEMO_USERS.alice.email);
  await page.getByLabel('Password').fill(DEMO_USERS.alice.password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForURL(`${appUrl}/**`);
}

// Playwright sets fixtures up lazily: every test names `tenant` so that it starts from the seed.
test.describe('adding a passkey or a security key', () => {
  test('alice adds a passkey through the My Account API, then signs in with it', async ({
    page,
    app,
    tenant,
    signIn,
    authenticator,
  }) => {
    await signIn(page, 'alice');
    const va = await authenticator(page); // ctap2, internal, resident key, UV
    await page.goto(`${app.url}/security`);
    await tenant.clearStats();

    const passkeys = section(page, 'Passkeys');
    await expect(card(passkeys, 'Google Password Manager')).toBeVisible();
    expect(await addAndSave(page, 'Add a passkey')).toBe('Chrome on Linux');

    const added = card(passkeys, 'Chrome on Linux');
    await expect(added).toBeVisible();
    await expect(added).toContainText('Chrome on Linux');
    await expect(added).toContainText('Never used');
    expect(await va.credentials()).toHaveLength(1);

    // Auth0 chose the RP ID and stored the passkey; Keyward only named it afterwards.
    const { routes } = await tenant.stats();
    expect(routes['POST /me/v1/authentication-methods']).toBe(1);
    expect(routes['POST /me/v1/authentication-methods/:id/verify']).toBe(1);
    expect(routes['POST /api/v2/users/:id/authentication-methods'] ?? 0).toBe(0);
    expect(routes['PATCH /api/v2/users/:id/authentication-methods/:method_id']).toBe(1);

    // Sign out, then back in at the tenant with the new credential (same virtual authenticator).
    await page.goto(`${app.url}/auth/logout`);
    await page.waitForURL(`${app.url}/**`);
    await page.goto(`${app.url}/auth/login`);
    await page.getByRole('button', { name: 'Continue with a passkey' }).click();
    await page.waitForURL(`${app.url}/**`);

    await page.goto(`${app.url}/security`);
    const used = card(section(page, 'Passkeys'), 'Chrome on Linux');
    await expect(used).toContainText('Last used');
    await expect(used).toContainText('just now');
  });

  test('the add controls and the naming form work at 360 px and pass axe', async ({
    page,
    app,
    tenant: _reset,
    signIn,
    authenticator,
  }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, 'alice');
    await authenticator(page);
    await page.goto(`${app.url}/security`);
    const scan = () => new AxeBuilder({ page }).include('[data-add-factor]').analyze();
    expect((await scan()).violations).toEqual([]);

    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
    // Stored already, under the suggested name: naming it is a rename the person may skip.
    expect(await factorCount(page, app.url, 'passkey')).toBe(2);
    const form = () => new AxeBuilder({ page }).include('[data-factor-id]').analyze();
    expect((await form()).violations).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    // An empty name is refused on the client by the shared schema, and nothing is sent.
    await page.getByRole('textbox', { name: 'Name' }).fill('   ');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText('Enter a name.')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Name' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect((await form()).violations).toEqual([]);

    // Skipping the name keeps the key under the suggested one: nothing is left half-added.
    await page.getByRole('button', { name: 'Keep this name' }).click();
    await expect(card(section(page, 'Passkeys'), 'Chrome on Linux')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Rename Chrome on Linux' })).toBeFocused();
    expect(await factorCount(page, app.url, 'passkey')).toBe(2);
  });

  test('a security key is added and listed under security keys', async ({
    page,
    app,
    tenant: _reset,
    signIn,
    authenticator,
  }) => {
    await signIn(page, 'alice');
    await authenticator(page, {
      transport: 'usb',
      hasResidentKey: false,
      hasUserVerification: false,
      isUserVerified: false,
    });
    await page.goto(`${app.url}/security`);
    const keys = section(page, 'Security keys');
    await expect(keys.getByRole('listitem')).toHaveCount(1); // "Desk key"

    const name = await addAndSave(page, 'Add a security key');
    await expect(card(keys, name)).toBeVisible();
    await expect(keys.getByRole('listitem')).toHaveCount(2);
    expect(await factorCount(page, app.url, 'passkey')).toBe(1);

    // Auth0 keeps no model or browser for a security key; Keyward noted both when adding it, so
    // the card says how it connects and where it was added, also after a reload. The seeded key
    // was added elsewhere: its card claims neither.
    await page.reload();
    const added = card(keys, name);
    await expect(added).toContainText('Connects by USB');
    await expect(added).toContainText('Added from Chrome on Linux');
    const seeded = card(keys, 'Desk key');
    await expect(seeded).toBeVisible();
    await expect(seeded).not.toContainText('Connects by');
    await expect(seeded).not.toContainText('Added from');
  });

  test('adding the same authenticator twice is refused', async ({
    page,
    app,
    tenant: _reset,
    signIn,
    authenticator,
  }) => {
    await signIn(page, 'alice');
    await authenticator(page);
    await page.goto(`${app.url}/security`);
    await addAndSave(page, 'Add a passkey');
    await expect(card(section(page, 'Passkeys'), 'Chrome on Linux')).toBeVisible();

    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'This authenticator is already registered.' }),
    ).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Name' })).toHaveCount(0);
    expect(await factorCount(page, app.url, 'passkey')).toBe(2);
  });

  test('a passkey Auth0 refuses is not stored, and the page says so', async ({
    page,
    app,
    tenant,
    signIn,
    authenticator,
  }) => {
    await signIn(page, 'alice');
    const va = await authenticator(page);
    // No user presence: Auth0 (and the local tenant) refuse the attestation.
    await va.setResponseOverrideBits({ isBadUP: true });
    await page.goto(`${app.url}/security`);
    await tenant.clearStats();

    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Auth0 did not accept the new passkey' }),
    ).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Name' })).toHaveCount(0);
    expect(await factorCount(page, app.url, 'passkey')).toBe(1);
    const { routes } = await tenant.stats();
    expect(routes['POST /me/v1/authentication-methods/:id/verify']).toBe(1);
    expect(routes['POST /api/v2/users/:id/authentication-methods'] ?? 0).toBe(0);
    expect(routes['PATCH /api/v2/users/:id/authentication-methods/:method_id'] ?? 0).toBe(0);
  });

  test('an old sign-in must re-authenticate, then the page completes the flow', async ({
    page,
    tenant: _reset,
    launchApp,
    authenticator,
  }) => {
    // 5 s rather than 2: after signing in again, the whole ceremony (options, prompt, name,
    // save) must fit in the window, and a loaded CI machine can take over 2 s for it.
    const strict = await launchApp({ REAUTH_MAX_AGE: '5' });
    await page.goto(`${strict.url}/auth/login`);
    await passwordSignIn(page, strict.url);
    await authenticator(page);
    await page.goto(`${strict.url}/security`);
    await page.waitForTimeout(6000);

    // The API refuses the stale sign-in...
    const direct = await page.request.post(`${strict.url}/api/passkeys/options`, {
      headers: { origin: strict.url },
    });
    expect(direct.status()).toBe(401);
    expect((await direct.json()).error.code).toBe('reauth_required');

    // ...and the page, on that 401, sends alice to sign in again.
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/passkeys/options'));
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    expect((await refused).status()).toBe(401);
    await page.waitForURL((url) => !url.href.startsWith(strict.url));
    await passwordSignIn(page, strict.url);

    // Back on /security with a focused prompt to finish (the ceremony needs a user gesture).
    const resume = page.getByRole('button', { name: 'Continue adding your passkey' });
    await expect(resume).toBeFocused();
    expect(new URL(page.url()).searchParams.get('resume')).toBeNull();
    await resume.click();
    await expect(card(section(page, 'Passkeys'), 'Chrome on Linux')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
  });
});
