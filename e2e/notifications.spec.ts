import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { startRedisServer } from '../test/local-servers';
import { expect, type InboxMail, type TenantControls, test } from './fixtures';

// Notification mail, end to end: the app's outbox sends over real SMTP to the local tenant's
// inbox, which the tests read back as JSON. The app runs with MAIL_RETRY_MAX_MS=1000.

const ALICE = DEMO_USERS.alice.email;
const ADDED = 'A passkey was added to your account';
const REMOVED = 'A sign-in method was removed from your account';
/** Longer than two of the app's retry intervals: a second copy would have come by then. */
const SETTLE_MS = 3000;

async function mailWithSubject(tenant: TenantControls, subject: string): Promise<InboxMail[]> {
  return (await tenant.inbox(ALICE)).filter((m) => m.subject === subject);
}

/** Waits until exactly one such mail is there, then makes sure no second copy follows. */
async function exactlyOneMail(tenant: TenantControls, subject: string): Promise<InboxMail> {
  await expect
    .poll(async () => (await mailWithSubject(tenant, subject)).length, { timeout: 30_000 })
    .toBe(1);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const mails = await mailWithSubject(tenant, subject);
  expect(mails).toHaveLength(1);
  return mails[0] as InboxMail;
}

/** "23 November 2026 at 22:54 UTC", as the mail writes it, for each minute in [from, to]. */
function minutesBetween(from: number, to: number): string[] {
  const format = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const out: string[] = [];
  for (let t = from - (from % 60_000); t <= to; t += 60_000) out.push(`${format.format(t)} UTC`);
  return out;
}

async function addPasskey(page: Page, appUrl: string): Promise<string> {
  await page.goto(`${appUrl}/security`);
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const name = page.getByRole('textbox', { name: 'Name' });
  await expect(name).toBeFocused();
  const saved = await name.inputValue();
  await name.press('Escape');
  await expect(name).toHaveCount(0);
  return saved;
}

test.describe('notification mail', () => {
  test('adding a passkey mails alice its name, the browser and the time; removing it mails again', async ({
    page,
    app,
    tenant,
    signIn,
    authenticator,
  }) => {
    await signIn(page, 'alice');
    await authenticator(page);
    const before = Date.now();
    const name = await addPasskey(page, app.url);
    const after = Date.now();
    expect(name).toBe('Chrome on Linux');

    const added = await exactlyOneMail(tenant, ADDED);
    expect(added.to).toEqual([ALICE]);
    expect(added.text).toContain(`The passkey “${name}” was added to your account.`);
    expect(added.text).toContain('Browser and system: Chrome on Linux');
    const when = minutesBetween(before, after).map((t) => `When: ${t}`);
    expect(when.some((line) => added.text.includes(line))).toBe(true);
    expect(added.text).toContain(`${app.url}/security`);
    expect(added.text).toContain('If this wasn’t you');
    expect(added.html).toContain(`href="${app.url}/security"`);

    await page.getByRole('button', { name: `Remove ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(page.locator('[data-page-status]')).toContainText(`“${name}” was removed.`);
    const removed = await exactlyOneMail(tenant, REMOVED);
    expect(removed.text).toContain(`“${name}” was removed from your account.`);
    expect(removed.text).toContain('Browser and system: Chrome on Linux');
  });

  test('with SMTP down, adding a passkey still works; the mail follows once SMTP is back, once, even across a restart', async ({
    page,
    tenant,
    signIn,
    authenticator,
    launchApp,
  }) => {
    test.setTimeout(180_000);
    const app = await launchApp({});
    await signIn(page, 'alice', app.url);
    await authenticator(page);
    await tenant.smtp(false);

    const name = await addPasskey(page, app.url);
    const listed = await page.request.get(`${app.url}/api/factors`);
    const { factors } = (await listed.json()) as { factors: { kind: string; name: string }[] };
    expect(factors.filter((f) => f.kind === 'passkey').map((f) => f.name)).toContain(name);
    expect(await tenant.inbox(ALICE)).toHaveLength(0);

    // The app goes down with the mail still in its outbox, and comes back after SMTP did.
    await app.stop();
    await tenant.smtp(true);
    await app.start();
    const mail = await exactlyOneMail(tenant, ADDED);
    expect(mail.text).toContain(`The passkey “${name}” was added`);
  });

  test('two instances sharing Redis send one mail for one change', async ({
    page,
    tenant,
    signIn,
    authenticator,
    launchApp,
  }) => {
    test.setTimeout(180_000);
    const redis = await startRedisServer();
    try {
      const env = { REDIS_URL: redis.url };
      const [a, b] = await Promise.all([launchApp(env), launchApp(env)]);
      // Both workers are up and idle on the shared queue before the change.
      await signIn(page, 'alice', a.url);
      await authenticator(page);
      expect((await page.request.get(`${b.url}/api/factors`)).status()).toBe(200);
      const name = await addPasskey(page, a.url);
      const mail = await exactlyOneMail(tenant, ADDED);
      expect(mail.text).toContain(`The passkey “${name}” was added`);
    } finally {
      redis.stop();
    }
  });
});

test.describe('password reset through the local inbox', () => {
  test('alice resets her password: the new one signs in, the old one and the used link do not', async ({
    page,
    app,
    tenant,
  }) => {
    const newPassword = 'a-new-password-1';
    await page.goto(`${app.url}/auth/login`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    // An address without an account gets the same answer, and no mail.
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    const unknownAnswer = await page.getByRole('status').innerText();
    await page.goBack();
    await page.getByLabel('Email').fill(ALICE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    expect(await page.getByRole('status').innerText()).toBe(
      unknownAnswer.replace('nobody@example.com', ALICE),
    );

    await expect
      .poll(async () => (await tenant.inbox()).filter((m) => m.subject === 'Reset your password'))
      .toHaveLength(1);
    const [mail] = await tenant.inbox(ALICE);
    const link = mail?.text.match(/https?:\/\/\S+\/u\/reset-password\?ticket=[\w-]+/)?.[0];
    expect(link).toBeDefined();

    // The inbox page shows it too, link included.
    await page.goto(`${tenant.url}/_local/inbox`);
    await expect(
      page.getByRole('heading', { level: 2, name: 'Reset your password' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: link as string })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    await page.goto(link as string);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Re-enter new password').fill('something-else');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByRole('alert')).toContainText('The passwords do not match.');
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Re-enter new password').fill(newPassword);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();

    // The link works once.
    await page.goto(link as string);
    await expect(page.getByRole('heading', { name: 'Link expired' })).toBeVisible();

    const signInWith = async (password: string) => {
      await page.context().clearCookies();
      await page.goto(`${app.url}/auth/login`);
      await page.getByLabel('Email').fill(ALICE);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
    };
    await signInWith(DEMO_USERS.alice.password);
    await expect(page.getByRole('alert')).toContainText('Wrong email or password.');
    await signInWith(newPassword);
    await page.waitForURL(`${app.url}/**`);
    const me = await page.request.get(`${app.url}/api/factors`);
    expect(me.status()).toBe(200);
  });
});
