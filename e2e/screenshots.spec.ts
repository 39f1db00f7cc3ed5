import { expect, test } from './fixtures';
import { showActivity, showSessions } from './support/sections';

// Regenerates the README's screenshots: `SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts`.
// Skipped in the normal run, which must not rewrite committed files.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to regenerate docs/screenshots');

const shots = [
  { name: 'security-light', colorScheme: 'light', width: 1100, height: 700 },
  { name: 'security-dark', colorScheme: 'dark', width: 1100, height: 700 },
  { name: 'security-light-360', colorScheme: 'light', width: 360, height: 640 },
  { name: 'security-dark-360', colorScheme: 'dark', width: 360, height: 640 },
] as const;

test("alice's security page", async ({ page, app, signIn }) => {
  await signIn(page, 'alice');
  for (const shot of shots) {
    await page.setViewportSize({ width: shot.width, height: shot.height });
    await page.emulateMedia({ colorScheme: shot.colorScheme });
    await page.goto(`${app.url}/security`);
    await expect(page.getByRole('heading', { name: 'Passkeys', exact: true })).toBeVisible();
    // The lower sections load as they come into view; the shot shows them loaded.
    await showSessions(page);
    await showActivity(page);
    for (const region of ['Where you’re signed in', 'Recent activity']) {
      await expect(
        page.getByRole('region', { name: region }).getByRole('listitem').first(),
      ).toBeVisible();
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `docs/screenshots/${shot.name}.png`, fullPage: true });
  }
});
