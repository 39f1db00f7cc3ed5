import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { SEEDED_SESSIONS } from '../local-tenant/src/seed';
import { expect, test } from './fixtures';
import { showSessions } from './support/sections';

// Issue 23, keyboard only: the skip link shows when focused; a busy confirmation keeps focus
// inside the dialog and says what it is doing; after a rename, a removal or a sign-out focus is
// back where the person was (the card, its neighbour, or the list's heading), never on <body>.

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const card = (scope: Locator, name: string) =>
  scope
    .getByRole('listitem')
    .filter({ has: scope.page().getByRole('heading', { level: 3, name, exact: true }) });
const DELETE_METHOD = 'DELETE /api/v2/users/:id/authentication-methods/:method_id';
const PHONE = SEEDED_SESSIONS[0];

// Each test waits out a slowed request and runs axe: give them room on a busy machine.
test.slow();

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Tabs (at most `max` times) until `target` has focus, as a keyboard user would get there. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('not reachable with Tab');
}

/** Where focus is: inside an open dialog, on <body>, or elsewhere. */
const focusIsIn = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    return active.closest('dialog[open]') ? 'dialog' : 'page';
  });

test('the skip link is visible when focused and leads to the content', async ({
  page,
  app,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.goto(`${app.url}/security`);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  const box = await skip.boundingBox();
  expect(box?.width).toBeGreaterThan(40);
  expect(box?.height).toBeGreaterThan(16);
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('a busy removal keeps focus in the dialog and says "Removing…"; then focus is on the neighbour', async ({
  page,
  app,
  tenant,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.goto(`${app.url}/security`);
  const other = section(page, 'Other ways to sign in');
  await tabTo(page, page.getByRole('button', { name: 'Remove Authenticator app' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove “Authenticator app”?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  await tenant.fault({ route: DELETE_METHOD, latencyMs: 2500, count: 1 });
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Remove', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  const busy = dialog.getByRole('button', { name: 'Removing…' });
  await expect(busy).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('Removing…');
  // Focus stays on the busy button (aria-disabled, not disabled), and Tab stays in the dialog.
  await expect(busy).toBeFocused();
  await expect(busy).toHaveAttribute('aria-disabled', 'true');
  // Shift+Tab reaches Cancel, still focusable and still in the dialog, and does nothing while busy.
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(await focusIsIn(page)).toBe('dialog');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);

  await expect(page.locator('[data-page-status]')).toHaveText('“Authenticator app” was removed.');
  await expect(dialog).toHaveCount(0);
  // The app's card was the last of the list: focus is on the one before it.
  await expect(card(other, 'Password')).toBeFocused();
  expect(await focusIsIn(page)).toBe('page');
  await expectNoAxeViolations(page);
});

test('after a rename focus is on the card; after removing the last key, on the list heading', async ({
  page,
  app,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.goto(`${app.url}/security`);
  const keys = section(page, 'Security keys');
  await tabTo(page, page.getByRole('button', { name: 'Rename Desk key' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Office key');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-page-status]')).toHaveText(
    'Renamed “Desk key” to “Office key”.',
  );
  await expect(card(keys, 'Office key')).toBeFocused();
  // From the card, Tab reaches its own buttons next.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Rename Office key' })).toBeFocused();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Remove Office key' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-page-status]')).toHaveText('“Office key” was removed.');
  await expect(keys.getByRole('heading', { level: 2, name: 'Security keys' })).toBeFocused();
  await expectNoAxeViolations(page);
});

test('a busy sign-out keeps focus in the dialog and says "Signing out…"; then focus is on the session left', async ({
  page,
  app,
  tenant,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.goto(`${app.url}/security`);
  await showSessions(page);
  const phone = page.locator(`li[data-session-id="${PHONE?.id}"]`);
  const signOut = phone.getByRole('button', { name: /^Sign out/ });
  await expect(signOut).toBeVisible();
  await tabTo(page, signOut, 120);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  await tenant.fault({ route: 'DELETE /api/v2/sessions/:id', latencyMs: 2500, count: 1 });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const busy = dialog.getByRole('button', { name: 'Signing out…' });
  await expect(busy).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('Signing out…');
  await expect(busy).toBeFocused();

  await expect(dialog).toHaveCount(0);
  await expect(phone).toHaveCount(0);
  // The phone's session is gone: the one left (this device) has focus.
  await expect(page.locator('li[data-session-id]').first()).toBeFocused();
  await expect(page.locator('li[data-session-id]')).toHaveCount(1);
  await expectNoAxeViolations(page);
});

test('a refused removal moves focus to Close, inside the dialog', async ({
  page,
  app,
  tenant,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.goto(`${app.url}/security`);
  await tabTo(page, page.getByRole('button', { name: 'Remove Authenticator app' }));
  await page.keyboard.press('Enter');
  await tenant.fault({ route: DELETE_METHOD, status: 500, count: 1 });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('alert')).not.toBeEmpty();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
});
