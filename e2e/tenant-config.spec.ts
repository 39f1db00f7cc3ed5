import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// A tenant without the Multi-Resource Refresh Token policy (the setting `npm run doctor` checks
// first among the passkey ones): Auth0 refuses the My Account token, and a fresh sign-in would be
// refused the same way. Keyward says so plainly instead of sending the person round a sign-in loop.

async function tryToAddPasskey(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
}

test.describe('a tenant without the MRRT policy', () => {
  test('adding a passkey shows a plain message and never sends alice to sign in again', async ({
    page,
    app,
    tenant,
    signIn,
    authenticator,
  }) => {
    await signIn(page, 'alice');
    const va = await authenticator(page);
    await page.goto(`${app.url}/security`);
    await tenant.breakSetting('mrrt_policy');
    await tenant.clearStats();

    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    for (let i = 0; i < 2; i++) {
      await tryToAddPasskey(page, 'Add a passkey');
      await expect(page.getByText('Passkeys can’t be added right now.')).toBeVisible();
    }
    // No trip to sign-in and back: the page may re-render itself in place, but never leaves.
    expect(navigations.filter((url) => new URL(url).pathname !== '/security')).toEqual([]);
    expect(page.url()).toBe(`${app.url}/security`);
    expect(await va.credentials()).toHaveLength(0);
    // Auth0 was never asked to start an enrolment: the refused refresh stopped it first.
    const { routes } = await tenant.stats();
    expect(routes['POST /me/v1/authentication-methods'] ?? 0).toBe(0);
  });

  test.describe('in German', () => {
    test.use({ locale: 'de-DE', extraHTTPHeaders: { 'accept-language': 'de-DE,de;q=0.9' } });
    test('the message is German', async ({ page, app, tenant, signIn, authenticator }) => {
      await signIn(page, 'alice');
      await authenticator(page);
      await page.goto(`${app.url}/security`);
      await tenant.breakSetting('mrrt_policy');
      await tryToAddPasskey(page, 'Passkey hinzufügen');
      await expect(
        page.getByText('Passkeys können gerade nicht hinzugefügt werden.'),
      ).toBeVisible();
      expect(page.url()).toBe(`${app.url}/security`);
    });
  });
});
