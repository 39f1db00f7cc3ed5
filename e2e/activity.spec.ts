import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { deviceName } from '../lib/authenticators/device-name';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { expect, test } from './fixtures';
import { showActivity } from './support/sections';

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
