import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Visible strings this spec relies on (kept stable in components/security):
// section headings "Passkeys" / "Security keys" / "Other ways to sign in"; per row the name as a
// heading, "Synced" / "This device only" (passkeys only), "Provider: …", "Added from …", "Created: …",
// "Last used: 2 days ago" or "Never used"; the error panel "We couldn’t load your sign-in
// methods" with a "Try again" button.

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const row = (page: Page, sectionName: string, text: string) =>
  section(page, sectionName).getByRole('listitem').filter({ hasText: text });

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test.describe('the security page', () => {
  test('alice sees her passkey, security key and other ways to sign in', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'alice');
    await page.goto(`${app.url}/security`);
    await expect(page.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();

    const gpm = row(page, 'Passkeys', 'Google Password Manager');
    await expect(gpm.getByRole('heading', { name: 'Google Password Manager' })).toBeVisible();
    await expect(gpm.getByText('Synced', { exact: true })).toBeVisible();
    await expect(gpm.getByText('Last used: 2 days ago')).toBeVisible();
    await expect(gpm.getByText('Added from Chrome on macOS')).toBeVisible();
    // The exact time is there on hover and for screen readers.
    await expect(gpm.locator('time').last()).toHaveAttribute('title', /UTC$/);
    await expect(gpm.getByRole('button', { name: 'Remove Google Password Manager' })).toBeEnabled();

    const desk = row(page, 'Security keys', 'Desk key');
    await expect(desk.getByRole('heading', { name: 'Desk key' })).toBeVisible();
    // Auth0 stores no AAGUID, user agent or sync state for a security key: the row claims none.
    await expect(desk.getByText(/^Provider:/)).toHaveCount(0);
    await expect(desk.getByText(/Synced|This device only/)).toHaveCount(0);

    const other = section(page, 'Other ways to sign in');
    await expect(other.getByRole('heading', { name: 'Password', exact: true })).toBeVisible();
    await expect(other.getByText(/can’t be removed here/)).toBeVisible();
    await expect(other.getByRole('heading', { name: 'Authenticator app' })).toBeVisible();

    // Nothing secret reaches the browser.
    const html = await page.content();
    for (const secret of [
      'CjCqNIMAgT1sp5LDjZ0GbGOL2gE',
      'P5MuzfC2LSPyV2ZmS90m42ppzXMcUlXPulcwFnG9QJY',
      'Mozilla/5.0 (Macintosh',
    ]) {
      expect(html).not.toContain(secret);
    }
  });

  test('GET /api/factors returns the view model and nothing secret', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'alice');
    const res = await page.request.get(`${app.url}/api/factors`);
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['canAddPasskey', 'factors', 'identities']);
    expect(body.factors.map((f: { kind: string }) => f.kind).sort()).toEqual(
      ['passkey', 'password', 'security-key', 'totp'].sort(),
    );
    for (const factor of body.factors) {
      expect(Object.keys(factor).sort()).toEqual(
        [
          'blockedReason',
          'createdAt',
          'device',
          'id',
          'kind',
          'lastUsedAt',
          'name',
          'provider',
          'removable',
          'synced',
          'transports',
        ].sort(),
      );
    }
  });

  test('bob sees two passkeys and no password', async ({ page, app, signInWithPasskey }) => {
    await signInWithPasskey(page, 'bob');
    await page.goto(`${app.url}/security`);
    await expect(section(page, 'Passkeys').getByRole('listitem')).toHaveCount(2);
    await expect(row(page, 'Passkeys', 'Bitwarden')).toBeVisible();
    await expect(row(page, 'Passkeys', 'Firefox on Windows').getByText('Never used')).toBeVisible();
    await expect(
      section(page, 'Other ways to sign in').getByRole('heading', {
        name: 'Password',
        exact: true,
      }),
    ).toHaveCount(0);
  });

  test('carol (Google only) sees her Google identity and why there are no passkeys', async ({
    page,
    app,
    signInWithGoogle,
  }) => {
    await signInWithGoogle(page, 'carol');
    await page.goto(`${app.url}/security`);
    const google = row(page, 'Other ways to sign in', 'Google');
    await expect(google.getByRole('heading', { name: 'Google' })).toBeVisible();
    const passkeys = section(page, 'Passkeys');
    await expect(
      passkeys.getByRole('heading', { name: 'Passkeys aren’t available for this account' }),
    ).toBeVisible();
    await expect(passkeys).toContainText('You sign in with Google');
    await expect(page.getByRole('button', { name: 'Add a passkey' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add a security key' })).toBeVisible();
    // The API refuses too, before anything reaches Auth0's My Account API.
    const res = await page.request.post(`${app.url}/api/passkeys/options`, {
      headers: { origin: app.url },
    });
    expect(res.status()).toBe(409);
    expect((await res.json()).error.code).toBe('passkeys_unavailable');
  });

  test('shows an error state while Auth0 fails, and the list after a retry', async ({
    page,
    app,
    tenant,
    signIn,
  }) => {
    await signIn(page, 'alice');
    await tenant.fault({ route: 'GET /api/v2/users/:id/authentication-methods', status: 500 });
    await page.goto(`${app.url}/security`);
    const panel = page
      .getByRole('alert')
      .filter({ hasText: 'We couldn’t load your sign-in methods' });
    await expect(panel).toBeVisible();
    await expect(panel).not.toContainText(/at \w+ \(|Error:|stack/i);

    await tenant.clearFaults();
    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect(row(page, 'Passkeys', 'Google Password Manager')).toBeVisible();
    await expect(panel).toHaveCount(0);
  });

  test('is axe clean in light and dark, desktop and 360 px, and with the dialog open', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'alice');
    await page.goto(`${app.url}/security`);
    await expect(row(page, 'Passkeys', 'Google Password Manager')).toBeVisible();
    await expectNoAxeViolations(page);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(row(page, 'Passkeys', 'Google Password Manager')).toBeVisible();
    await expectNoAxeViolations(page);
    // Nothing scrolls sideways at 360 px.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Remove Google Password Manager' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
