import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

type ListedFactor = { id: string; kind: string; name: string };

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const row = (page: Page, sectionName: string, text: string) =>
  section(page, sectionName).getByRole('listitem').filter({ hasText: text });

async function listFactors(page: Page, appUrl: string): Promise<ListedFactor[]> {
  const res = await page.request.get(`${appUrl}/api/factors`);
  expect(res.status()).toBe(200);
  return (await res.json()).factors;
}

async function confirmRemoval(page: Page, name: string) {
  await page.getByRole('button', { name: `Remove ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: `Remove “${name}”?` })).toBeVisible();
  await expect(dialog).toContainText('will stop working for signing in to this site');
  await expect(dialog).toContainText('password manager or on your device');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-page-status]')).toContainText(`“${name}” was removed.`);
}

test.describe('rename and revoke', () => {
  test('alice renames "Desk key" to "Office key"', async ({ page, app, signIn }) => {
    await signIn(page, 'alice');
    await page.goto(`${app.url}/security`);

    // Escape cancels without saving.
    await page.getByRole('button', { name: 'Rename Desk key' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Nope');
    await page.getByRole('textbox', { name: 'Name' }).press('Escape');
    await expect(
      row(page, 'Security keys', 'Desk key').getByRole('heading', { name: 'Desk key' }),
    ).toBeVisible();

    // The shared schema refuses an empty name inline.
    await page.getByRole('button', { name: 'Rename Desk key' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('   ');
    await page.getByRole('textbox', { name: 'Name' }).press('Enter');
    await expect(page.getByText('Enter a name.')).toBeVisible();

    // Enter saves.
    await page.getByRole('textbox', { name: 'Name' }).fill('  Office key ');
    await page.getByRole('textbox', { name: 'Name' }).press('Enter');
    await expect(
      section(page, 'Security keys').getByRole('heading', { name: 'Office key' }),
    ).toBeVisible();
    await page.reload();
    await expect(
      section(page, 'Security keys').getByRole('heading', { name: 'Office key' }),
    ).toBeVisible();
    await expect(row(page, 'Security keys', 'Office key')).toHaveCount(1);
  });

  test('the name field counts to 20, clears a stale refusal, and refuses a duplicate', async ({
    page,
    app,
    signIn,
    tenant,
  }) => {
    await signIn(page, 'alice');
    await page.goto(`${app.url}/security`);
    const field = page.getByRole('textbox', { name: 'Name' });

    await page.getByRole('button', { name: 'Rename Desk key' }).click();
    // The counter describes the field, so a screen reader hears it with the field.
    await expect(field).toHaveAccessibleDescription('8 of 20 characters');
    await field.fill('x'.repeat(21));
    await expect(page.getByText('21 of 20 characters')).toBeVisible();
    await expect(page.getByText('1 character too many')).toBeAttached();
    await field.press('Enter');
    await expect(page.getByText('Use 20 characters or fewer.')).toBeVisible();

    // A refusal goes as soon as a valid name is being saved, not when the save has ended.
    await field.fill(' ');
    await field.press('Enter');
    await expect(page.getByText('Enter a name.')).toBeVisible();
    await tenant.fault({
      route: 'PATCH /api/v2/users/:id/authentication-methods/:method_id',
      latencyMs: 1500,
      count: 1,
    });
    await field.fill('Office key');
    await field.press('Enter');
    const saving = page.getByRole('button', { name: 'Saving…' });
    await expect(saving).toBeVisible();
    // Read once, not retried: the form closes after the save, which would hide the text anyway.
    expect(await page.getByText('Enter a name.').count()).toBe(0);
    expect(await saving.isVisible()).toBe(true);
    await expect(
      section(page, 'Security keys').getByRole('heading', { name: 'Office key' }),
    ).toBeVisible();

    // Another method's name, in another case, is refused by the server.
    await page.getByRole('button', { name: 'Rename Google Password Manager' }).click();
    await field.fill('OFFICE KEY');
    await field.press('Enter');
    await expect(
      page.getByText('You already have a sign-in method called “OFFICE KEY”.'),
    ).toBeVisible();
    expect(
      (await listFactors(page, app.url)).filter((f) => /office key/i.test(f.name)),
    ).toHaveLength(1);
  });

  test('alice revokes her Google Password Manager passkey: her password remains', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'alice');
    await page.goto(`${app.url}/security`);
    await confirmRemoval(page, 'Google Password Manager');
    await expect(
      section(page, 'Passkeys').getByRole('heading', { name: 'Add your first passkey' }),
    ).toBeVisible();
    const factors = await listFactors(page, app.url);
    expect(factors.some((f) => f.kind === 'passkey')).toBe(false);
  });

  test('bob revokes one of two passkeys, then cannot revoke the last', async ({
    page,
    app,
    signInWithPasskey,
  }) => {
    const va = await signInWithPasskey(page, 'bob');
    await page.goto(`${app.url}/security`);
    const supportsSignal = await page.evaluate(
      () => 'signalAllAcceptedCredentials' in PublicKeyCredential,
    );
    const before = (await va.credentials()).length;

    await confirmRemoval(page, 'Bitwarden');
    const last = row(page, 'Passkeys', 'Firefox on Windows');
    await expect(last.getByRole('button', { name: 'Remove Firefox on Windows' })).toBeDisabled();
    await expect(last).toContainText(
      'This is the only way you can sign in. Add another passkey first',
    );

    // Password managers are told which credentials still work (where the browser can be told).
    if (supportsSignal)
      await expect.poll(async () => (await va.credentials()).length).toBe(before - 1);

    const [remaining] = await listFactors(page, app.url);
    if (!remaining) throw new Error('bob should have one passkey left');
    const res = await page.request.delete(
      `${app.url}/api/factors/${encodeURIComponent(remaining.id)}`,
      {
        headers: { origin: app.url },
      },
    );
    expect(res.status()).toBe(409);
    expect((await res.json()).error.code).toBe('last_factor');
    expect(await listFactors(page, app.url)).toHaveLength(1);
  });

  test('dana removes her only passkey: her linked Google identity remains', async ({
    page,
    app,
    signInWithPasskey,
  }) => {
    await signInWithPasskey(page, 'dana');
    await page.goto(`${app.url}/security`);
    await confirmRemoval(page, 'Apple Passwords');
    await expect(
      section(page, 'Passkeys').getByRole('heading', { name: 'Add your first passkey' }),
    ).toBeVisible();
    await expect(row(page, 'Other ways to sign in', 'Google')).toBeVisible();
  });

  test('a method that is already gone answers 404 and the list refreshes', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'alice');
    await page.goto(`${app.url}/security`);
    const gpm = (await listFactors(page, app.url)).find((f) => f.kind === 'passkey');
    if (!gpm) throw new Error('alice should have a passkey');
    // Removed behind the page's back (another tab).
    const first = await page.request.delete(
      `${app.url}/api/factors/${encodeURIComponent(gpm.id)}`,
      {
        headers: { origin: app.url },
      },
    );
    expect(first.status()).toBe(200);

    await page.getByRole('button', { name: 'Remove Google Password Manager' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.locator('[data-page-status]')).toContainText('already removed');
    await expect(
      section(page, 'Passkeys').getByRole('heading', { name: 'Add your first passkey' }),
    ).toBeVisible();
  });

  test('alice cannot rename or revoke bob’s methods, and Auth0 is never asked', async ({
    page,
    browser,
    app,
    tenant,
    signIn,
    signInWithPasskey,
  }) => {
    const bobContext = await browser.newContext();
    const bobPage = await bobContext.newPage();
    await signInWithPasskey(bobPage, 'bob');
    const bobIds = (await listFactors(bobPage, app.url)).map((f) => f.id);
    await bobContext.close();
    expect(bobIds.length).toBe(2);

    await signIn(page, 'alice');
    const routes = ['PATCH', 'DELETE'].map(
      (m) => `${m} /api/v2/users/:id/authentication-methods/:method_id`,
    );
    const count = async () => {
      const { routes: stats } = await tenant.stats();
      return routes.map((r) => stats[r] ?? 0);
    };
    const before = await count();

    for (const id of [...bobIds, 'passkey|made-up']) {
      const url = `${app.url}/api/factors/${encodeURIComponent(id)}`;
      const rename = await page.request.patch(url, {
        headers: { origin: app.url },
        data: { name: 'mine now' },
      });
      expect(rename.status()).toBe(404);
      expect((await rename.json()).error.code).toBe('not_found');
      const revoke = await page.request.delete(url, { headers: { origin: app.url } });
      expect(revoke.status()).toBe(404);
    }
    expect(await count()).toEqual(before);
  });

  test('an old sign-in re-authenticates, then the confirmation reopens', async ({
    page,
    launchApp,
  }) => {
    const short = await launchApp({ REAUTH_MAX_AGE: '5' });
    const signInHere = async () => {
      await page.getByLabel('Email').fill('alice@example.com');
      await page.getByLabel('Password').fill('Passw0rd!');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    };
    await page.goto(`${short.url}/auth/login?returnTo=/security`);
    await signInHere();
    await page.waitForURL(`${short.url}/security`);
    await page.waitForTimeout(6_000);

    await page.getByRole('button', { name: 'Remove Google Password Manager' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    // The tenant asks for the password again (max_age=0), then sends alice back to finish.
    await signInHere();
    await page.waitForURL(`${short.url}/security`);
    const dialog = page.getByRole('dialog');
    await expect(
      dialog.getByRole('heading', { name: 'Remove “Google Password Manager”?' }),
    ).toBeVisible();
    expect(page.url()).not.toContain('resume=');
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.locator('[data-page-status]')).toContainText(
      '“Google Password Manager” was removed.',
    );
  });
});
