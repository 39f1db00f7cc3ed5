import type { Browser, Page } from '@playwright/test';
import { DEMO_USERS } from '../../local-tenant/src/seed';

/** alice signs in at the tenant's page, as a person would; her session cookie for load runs. */
export async function signInAlice(
  browser: Browser,
  appUrl: string,
): Promise<{ page: Page; cookie: string }> {
  const page = await browser.newPage();
  await page.goto(`${appUrl}/auth/login`);
  await page.getByLabel('Email').fill(DEMO_USERS.alice.email);
  await page.getByLabel('Password').fill(DEMO_USERS.alice.password);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForURL(`${appUrl}/**`);
  const cookie = (await page.context().cookies(appUrl))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  return { page, cookie };
}
