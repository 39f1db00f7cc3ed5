import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Issue 16: the security checkup at the top of /security. One sentence on how the account is
// protected, then at most two next steps, each with its button.

const checkup = (page: Page) => page.getByRole('region', { name: 'Security checkup' });
const steps = (page: Page) => checkup(page).getByRole('list', { name: 'Next steps' });
const stepTitles = (page: Page) => steps(page).getByRole('heading', { level: 3 });
const summary = (page: Page) => checkup(page).locator('[data-checkup-summary]');

test('alice: her password is the only way back in, so a second passkey is suggested', async ({
  page,
  app,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.goto(`${app.url}/security`);
  await expect(summary(page)).toHaveText(
    'You sign in with a passkey or your password, with a security key or an authenticator app as a second step.',
  );
  await expect(stepTitles(page)).toHaveText(['Don’t fall back on your password alone']);
  await expect(steps(page).getByRole('button', { name: 'Add a second passkey' })).toBeVisible();
});

test('bob: two passkeys need nothing; with only his device-bound one left, add a backup', async ({
  page,
  app,
  signInWithPasskey,
}) => {
  await signInWithPasskey(page, 'bob');
  await page.goto(`${app.url}/security`);
  await expect(summary(page)).toHaveText('You sign in with 2 passkeys.');
  await expect(checkup(page)).toContainText('Nothing to do right now.');
  await expect(steps(page)).toHaveCount(0);

  // The checkup follows the list as it changes, without a reload.
  await page.getByRole('button', { name: 'Remove Bitwarden' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(summary(page)).toHaveText('You sign in with a passkey.');
  await expect(stepTitles(page)).toHaveText(['Add a backup passkey']);
  await expect(steps(page)).toContainText(
    '“Firefox on Windows” is your only passkey, and it lives on one device.',
  );
  await expect(steps(page).getByRole('button', { name: 'Add a backup passkey' })).toBeVisible();
});

test('a user with no passkey is asked to set one up, and the button does it', async ({
  page,
  app,
  signIn,
  authenticator,
}) => {
  await signIn(page, 'admin');
  await authenticator(page);
  await page.goto(`${app.url}/security`);
  await expect(summary(page)).toHaveText('You sign in with your password.');
  await expect(stepTitles(page)).toHaveText(['Add a passkey']);

  await steps(page).getByRole('button', { name: 'Set up a passkey' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.getByRole('button', { name: 'Keep this name' }).click();
  // The virtual authenticator's passkey lives on this device only: now a backup is the step.
  await expect(summary(page)).toHaveText('You sign in with a passkey or your password.');
  await expect(stepTitles(page)).toHaveText(['Add a backup passkey']);
});

test('carol (Google only) is offered nothing Auth0 cannot give her', async ({
  page,
  app,
  signInWithGoogle,
}) => {
  await signInWithGoogle(page, 'carol');
  await page.goto(`${app.url}/security`);
  await expect(summary(page)).toHaveText('You sign in with Google.');
  await expect(checkup(page)).toContainText('Nothing to do right now.');
});

/** The names of the visible buttons drawn as primary (filled with the accent colour). */
function primaryButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.backgroundColor = 'var(--kw-accent)';
    document.body.append(probe);
    const accent = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return [...document.querySelectorAll('button')]
      .filter((b) => b.offsetParent !== null && getComputedStyle(b).backgroundColor === accent)
      .map((b) => b.textContent?.trim() ?? '');
  });
}

test.describe('one primary action at most (issue 23)', () => {
  test('alice: the checkup’s step is the one primary button; the lists’ add buttons are not', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'alice');
    await page.goto(`${app.url}/security`);
    await expect(steps(page).getByRole('button', { name: 'Add a second passkey' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add a passkey', exact: true })).toBeVisible();
    expect(await primaryButtons(page)).toEqual(['Add a second passkey']);
  });

  test('carol (Google only), "Nothing to do right now": no primary "Add a security key"', async ({
    page,
    app,
    signInWithGoogle,
  }) => {
    await signInWithGoogle(page, 'carol');
    await page.goto(`${app.url}/security`);
    await expect(checkup(page)).toContainText('Nothing to do right now.');
    await expect(page.getByRole('button', { name: 'Add a security key' })).toBeVisible();
    expect(await primaryButtons(page)).toEqual([]);
  });

  test('a user with no passkey: "Set up a passkey" in the checkup is the only primary', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'admin');
    await page.goto(`${app.url}/security`);
    await expect(steps(page).getByRole('button', { name: 'Set up a passkey' })).toBeVisible();
    expect(await primaryButtons(page)).toEqual(['Set up a passkey']);
  });
});
