import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { deviceName } from '../lib/authenticators/device-name';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { expect, test } from './fixtures';
import { showActivity, showSessions } from './support/sections';

// "Recent activity" on /security: Auth0's log events for the signed-in user, as the local tenant
// writes them for the sign-ins it performs, with the browser they came from.

const LOGS = 'GET /api/v2/users/:id/logs';

const activity = (page: Page) => page.getByRole('region', { name: 'Recent activity' });
const entries = (page: Page) => activity(page).getByRole('listitem');

test('a failed sign-in and a passkey sign-in both show, with this browser as the device', async ({
  page,
  app,
  signInWithPasskey,
}) => {
  // A wrong password for bob (who has none: he signs in with passkeys only).
  await page.goto(`${app.url}/auth/login`);
  await page.getByLabel('Email').fill(DEMO_USERS.bob.email);
  await page.getByLabel('Password').fill('not-his-password');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();

  await signInWithPasskey(page, 'bob');
  const device = deviceName(await page.evaluate(() => navigator.userAgent));
  expect(device).toMatch(/^Chrome on /);

  await page.goto(`${app.url}/security`);
  await showActivity(page);
  await expect(entries(page)).toHaveCount(2);
  const [passkey, failed] = [entries(page).nth(0), entries(page).nth(1)];
  await expect(passkey).toContainText('Signed in with a passkey');
  await expect(passkey).toContainText(device ?? '');
  await expect(passkey.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(failed).toContainText('Failed sign-in attempt');
  await expect(failed).toContainText(device ?? '');
  await expect(activity(page)).toContainText('That’s everything from the last 30 days.');

  const { violations } = await new AxeBuilder({ page })
    .include('section[aria-labelledby="activity-heading"]')
    .analyze();
  expect(violations).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 360, height: 800 });
  const dark = await new AxeBuilder({ page })
    .include('section[aria-labelledby="activity-heading"]')
    .analyze();
  expect(dark.violations).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
});

test('alice sees her seeded sign-ins of the last 30 days, not the one from 40 days ago', async ({
  page,
  app,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.goto(`${app.url}/security`);
  await showActivity(page);
  // This sign-in, then the seeded iPhone sign-in and the wrong password before it.
  await expect(entries(page)).toHaveCount(3);
  await expect(entries(page).nth(1)).toContainText('Safari on iOS');
  await expect(entries(page).nth(1)).toContainText('203.0.113.24');
  await expect(activity(page)).not.toContainText('198.51.100.7');
});

test('when Auth0’s logs fail, the section says so and tries again; the lists are unaffected', async ({
  page,
  app,
  tenant,
  signIn,
}) => {
  await signIn(page, 'alice');
  await tenant.fault({ route: LOGS, status: 500, count: 2 });
  await page.goto(`${app.url}/security`);
  await expect(page.getByRole('heading', { name: 'Passkeys', exact: true })).toBeVisible();
  await showActivity(page);
  const alert = activity(page).getByRole('alert');
  await expect(alert).toContainText('We couldn’t load your recent activity.');
  await activity(page).getByRole('button', { name: 'Try again' }).click();
  await expect(entries(page).first()).toContainText('Signed in');
});

test('each page of activity is one Management API call', async ({ page, app, tenant, signIn }) => {
  await signIn(page, 'alice');
  await page.request.get(`${app.url}/api/activity`);
  for (const pageNumber of [0, 1]) {
    await tenant.clearStats();
    const res = await page.request.get(`${app.url}/api/activity?page=${pageNumber}`);
    expect(res.status()).toBe(200);
    const { routes } = await tenant.stats();
    expect(routes).toEqual({ [LOGS]: 1 });
  }
  const refused = await page.request.get(`${app.url}/api/activity?page=10`);
  expect(refused.status()).toBe(422);
});

// Addresses the offline database places (DB-IP Lite): forwarded by the browser as a proxy would,
// to Keyward and to the tenant (whose custom domain reads X-Forwarded-For, as Auth0's can).
const BERLIN = '81.169.145.78';
const MOUNTAIN_VIEW = '8.8.8.8';

test.describe('rows that say what happened, to what, from where', () => {
  test.use({ extraHTTPHeaders: { 'x-forwarded-for': BERLIN } });

  test('alice renames a key, signs out a session and removes a method: three named rows; one sign-out of four is one row; "Show more"', async ({
    page,
    app,
    signIn,
    browser,
  }) => {
    test.setTimeout(240_000);
    // Four more sign-ins elsewhere: sessions to sign out, and rows enough for a second page.
    const others = await Promise.all(
      [0, 1, 2, 3].map(() =>
        browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': MOUNTAIN_VIEW } }),
      ),
    );
    try {
      for (const context of others) await signIn(await context.newPage(), 'alice');
      await signIn(page, 'alice');
      const device = deviceName(await page.evaluate(() => navigator.userAgent)) ?? '';
      await page.goto(`${app.url}/security`);
      // Shown before the changes: the section refreshes itself after each of them.
      await showActivity(page);
      await expect(entries(page).first()).toContainText('Signed in');

      await page.getByRole('button', { name: 'Rename Desk key' }).click();
      await page.getByRole('textbox', { name: 'Name' }).fill('Office key');
      await page.getByRole('textbox', { name: 'Name' }).press('Enter');
      await expect(page.getByRole('heading', { name: 'Office key' })).toBeVisible();

      await showSessions(page);
      const phone = page.locator('li[data-session-id="alice-iphone-session"]');
      await phone.getByRole('button', { name: /^Sign out/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
      await expect(phone).toHaveCount(0);

      await page.getByRole('button', { name: 'Remove Google Password Manager' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
      await expect(page.locator('[data-page-status]')).toContainText('was removed.');

      await showSessions(page);
      await page.getByRole('button', { name: 'Sign out of all other sessions' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
      await expect(
        page.locator('section[aria-labelledby="sessions-heading"] [data-sessions-status]'),
      ).toHaveText('Signed out of 4 other sessions.');

      await showActivity(page);
      const titles = [
        '4 other sessions signed out',
        'Passkey “Google Password Manager” removed',
        'Signed out of Safari on iOS (203.0.113.24)',
        'Security key “Desk key” renamed to “Office key”',
      ];
      for (const [i, title] of titles.entries()) {
        const row = entries(page).nth(i);
        await expect(row).toContainText(title, { timeout: 30_000 });
        // The browser and place are the person's, which Auth0's `sapi` event does not know.
        await expect(row).toContainText(device);
        await expect(row).toContainText('Berlin, Germany');
        await expect(row).toContainText(`IP address ${BERLIN}`);
      }
      // The sign-ins from elsewhere carry their own place, from Auth0's event.
      await expect(activity(page)).toContainText('Mountain View, United States');
      await expect(activity(page)).toContainText('IP Geolocation by DB-IP');

      // 5 sign-ins + 2 seeded events + 4 actions = 11 rows: ten, then the rest.
      await expect(entries(page)).toHaveCount(10);
      await activity(page).getByRole('button', { name: 'Show more' }).click();
      await expect(entries(page)).toHaveCount(11);
      await expect(activity(page)).toContainText('That’s everything from the last 30 days.');

      // "Wasn't you?" on the rename leads to signing out everywhere else and to the key's removal.
      const renamed = entries(page).nth(3);
      await renamed.getByRole('button', { name: 'Wasn’t you?' }).click();
      await expect(renamed.getByRole('button', { name: 'Sign out everywhere else' })).toBeVisible();
      await renamed.getByRole('button', { name: 'Remove “Office key”' }).click();
      await expect(
        page.getByRole('dialog').getByRole('heading', { name: 'Remove “Office key”?' }),
      ).toBeVisible();
    } finally {
      await Promise.all(others.map((c) => c.close()));
    }
  });
});
