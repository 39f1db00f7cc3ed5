import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import de from '../messages/de.json';
import en from '../messages/en.json';
import { startHostServer } from '../scripts/embed-host';
import { freePort } from '../test/local-servers';
import { expect, test } from './fixtures';

// Issue 16: the whole page in German for a browser that asks for it (Accept-Language: de).

test.use({ locale: 'de-DE', extraHTTPHeaders: { 'accept-language': 'de-DE,de;q=0.9' } });
// Whole pages checked with axe in several modes: room for a loaded machine.
test.slow();

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}
const german = new Map(leaves(de));

/**
 * English catalogue sentences that read differently in German must not be on the page. Texts
 * with arguments are compared by their fixed parts only.
 */
async function expectNoEnglish(page: Page | Frame) {
  const text = await page.locator('body').innerText();
  const leftovers = leaves(en)
    .filter(([key, value]) => german.get(key) !== value)
    .flatMap(([key, value]) =>
      value
        .split(/\{[^}]*\}|<\/?\w+>/)
        .map((part) => part.trim())
        .filter((part) => part.length > 12)
        .map((part) => ({ key, part })),
    )
    .filter(({ part }) => text.includes(part));
  expect(leftovers).toEqual([]);
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('alice’s security page is German throughout, and axe-clean in light, dark and 360 px', async ({
  page,
  app,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.goto(`${app.url}/security`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page).toHaveTitle('Sicherheit · Keyward');
  await expect(page.getByRole('heading', { level: 1, name: 'Sicherheit' })).toBeVisible();
  await expect(page.locator('[data-checkup-summary]')).toHaveText(
    'Sie melden sich mit einem Passkey oder Ihrem Passwort an, mit einem Sicherheitsschlüssel oder einer Authenticator-App als zweitem Schritt.',
  );
  await expect(page.getByRole('button', { name: 'Zweiten Passkey hinzufügen' })).toBeVisible();

  const passkeys = section(page, 'Passkeys');
  const gpm = passkeys.getByRole('listitem').filter({ hasText: 'Google Password Manager' });
  await expect(gpm.getByText('Synchronisiert', { exact: true })).toBeVisible();
  await expect(gpm.getByText('Hinzugefügt über Chrome unter macOS')).toBeVisible();
  await expect(gpm.getByText('Zuletzt verwendet: vor 2 Tagen')).toBeVisible();
  await expect(gpm.getByText(/^Erstellt: \d{2}\.\d{2}\.\d{4}$/)).toBeVisible();
  await expect(gpm.locator('time').last()).toHaveAttribute('title', /\d{4} um \d{2}:\d{2} UTC$/);

  const other = section(page, 'Weitere Anmeldemöglichkeiten');
  await expect(other.getByRole('heading', { name: 'Passwort', exact: true })).toBeVisible();
  await expect(other.getByRole('heading', { name: 'Authenticator-App' })).toBeVisible();
  await expect(other.getByText(/kann hier nicht entfernt werden/)).toBeVisible();
  await expect(
    section(page, 'Sicherheitsschlüssel').getByRole('heading', { name: 'Desk key' }),
  ).toBeVisible();
  await expect(section(page, 'Wo Sie angemeldet sind')).toBeVisible();

  await expectNoEnglish(page);
  await expectNoAxeViolations(page);

  // A method's default name is translated wherever it appears, the dialog included.
  await page.getByRole('button', { name: 'Entfernen Authenticator-App' }).click();
  await expect(page.getByRole('dialog', { name: '„Authenticator-App“ entfernen?' })).toContainText(
    'Ihre Authenticator-App zeigt weiterhin Codes für dieses Konto an.',
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Abbrechen' }).click();

  await page.getByRole('button', { name: 'Entfernen Google Password Manager' }).click();
  const dialog = page.getByRole('dialog', { name: '„Google Password Manager“ entfernen?' });
  await expect(dialog).toContainText(
    'Das ist Ihr letzter Passkey. Danach melden Sie sich nur noch mit Ihrem Passwort an.',
  );
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Entfernen', exact: true }).click();
  const status = page.locator('[data-page-status]');
  await expect(status).toHaveText('„Google Password Manager“ wurde entfernt.');
  // Her last passkey went: focus is on the list's heading (issue 23), the message announced.
  await expect(
    section(page, 'Passkeys').getByRole('heading', { level: 2, name: 'Passkeys' }),
  ).toBeFocused();

  await page.setViewportSize({ width: 360, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'Ihren ersten Passkey hinzufügen' }),
  ).toBeVisible();
  await expectNoEnglish(page);
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('bob: plurals, the blocked Remove and the API’s refusal in German', async ({
  page,
  app,
  signInWithPasskey,
}) => {
  await signInWithPasskey(page, 'bob');
  await page.goto(`${app.url}/security`);
  await expect(page.locator('[data-checkup-summary]')).toHaveText(
    'Sie melden sich mit 2 Passkeys an.',
  );
  await expect(page.getByText('Im Moment ist nichts zu tun.')).toBeVisible();
  await page.getByRole('button', { name: 'Entfernen Bitwarden' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Entfernen', exact: true }).click();

  const blocked = page.getByRole('button', { name: 'Entfernen Firefox on Windows' });
  await expect(blocked).toHaveAccessibleDescription(
    'Das ist Ihre einzige Möglichkeit, sich anzumelden. Fügen Sie zuerst einen weiteren Passkey hinzu, damit Sie sich nicht aussperren.',
  );
  await expect(page.getByText('Hinzugefügt über Firefox unter Windows')).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Einen Ersatz-Passkey hinzufügen' }),
  ).toBeVisible();
  await expectNoEnglish(page);

  // The API answers in the language the request asks for.
  const [remaining] = (await (await page.request.get(`${app.url}/api/factors`)).json()).factors;
  const refused = await page.request.delete(
    `${app.url}/api/factors/${encodeURIComponent(remaining.id)}`,
    { headers: { origin: app.url } },
  );
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toBe(
    'Das ist Ihre einzige Möglichkeit, sich anzumelden. Fügen Sie zuerst einen weiteren Passkey hinzu, damit Sie sich nicht aussperren.',
  );
  const english = await page.request.delete(
    `${app.url}/api/factors/${encodeURIComponent(remaining.id)}`,
    { headers: { origin: app.url, 'accept-language': 'en' } },
  );
  expect((await english.json()).error.message).toMatch(/^This is the only way you can sign in/);
});

test('carol, the home page and the admin page in German', async ({
  page,
  app,
  signIn,
  signInWithGoogle,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Ihre Anmeldung in Ihrer Hand' })).toBeVisible();
  await expectNoEnglish(page);

  await signInWithGoogle(page, 'carol');
  await page.goto(`${app.url}/security`);
  await expect(page.locator('[data-checkup-summary]')).toHaveText('Sie melden sich mit Google an.');
  await expect(
    page.getByRole('heading', { name: 'Für dieses Konto sind keine Passkeys verfügbar' }),
  ).toBeVisible();
  await expect(page.getByText('Sie können sich mit Ihrem Google-Konto anmelden.')).toBeVisible();
  await expectNoEnglish(page);
  await expectNoAxeViolations(page);

  await page.goto(`${app.url}/auth/logout`);
  await signIn(page, 'admin');
  await page.goto(`${app.url}/admin/signing-keys`);
  await expect(page).toHaveTitle('Signaturschlüssel · Keyward');
  await expect(page.getByRole('table', { name: /Signaturschlüssel des Tenants/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rotieren', exact: true })).toBeVisible();
  await expectNoEnglish(page);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Rotieren', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Signaturschlüssel rotieren?' })).toBeVisible();
  await expectNoAxeViolations(page);
});

// Issue 23: what was still English around the page.

/** English words of the local tenant's pages that must not be on its German pages. */
const TENANT_ENGLISH =
  /\b(Sign in|Welcome|Email|Password|Continue|Forgot|Back to|Check your email|Link expired|Choose an account)\b/;

test('the tenant’s sign-in and reset pages are German, with ways back', async ({
  page,
  app,
  tenant,
}) => {
  await page.goto(`${app.url}/auth/login`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page).toHaveTitle('Anmelden');
  await expect(page.getByRole('heading', { name: 'Willkommen' })).toBeVisible();
  await expect(page.getByLabel('E-Mail-Adresse')).toBeVisible();
  await expect(page.getByLabel('Passwort', { exact: true })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(TENANT_ENGLISH);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
  await expect(page.getByRole('heading', { name: 'Passwort vergessen?' })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(TENANT_ENGLISH);
  await page.getByLabel('E-Mail-Adresse').fill('alice@example.com');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByRole('heading', { name: 'Prüfen Sie Ihre E-Mails' })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(TENANT_ENGLISH);
  await page.getByRole('link', { name: 'Zurück zur Anmeldung' }).click();
  await expect(page.getByRole('heading', { name: 'Willkommen' })).toBeVisible();

  // A spent link says so in German and leads back to Keyward.
  await page.goto(`${tenant.url}/u/reset-password?ticket=spent`);
  await expect(page.getByRole('heading', { name: 'Link abgelaufen' })).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(TENANT_ENGLISH);
  await page.getByRole('link', { name: 'Zurück zu Keyward' }).click();
  await expect(page).toHaveURL(`${app.url}/`);
});

test('a new security key is suggested as "Sicherheitsschlüssel"', async ({
  page,
  app,
  signIn,
  authenticator,
}) => {
  await signIn(page, 'alice');
  await authenticator(page, {
    transport: 'usb',
    hasResidentKey: false,
    hasUserVerification: false,
    isUserVerified: false,
  });
  await page.goto(`${app.url}/security`);
  await page.getByRole('button', { name: 'Sicherheitsschlüssel hinzufügen' }).click();
  const field = page.getByRole('textbox', { name: 'Name' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Sicherheitsschlüssel');
  await expect(page.locator('[data-security-keys-note]')).toContainText('Auth0 speichert');
  await expectNoEnglish(page);
  // Saved under that name, its card says how it connects and where it was added, in German.
  await page.getByRole('button', { name: 'Namen speichern' }).click();
  const added = section(page, 'Sicherheitsschlüssel')
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Sicherheitsschlüssel', exact: true }) });
  await expect(added).toContainText('Verbindung über USB');
  await expect(added).toContainText('Hinzugefügt über Chrome unter Linux');
  await expectNoEnglish(page);
});

test.describe('the embed', () => {
  let host: Server | undefined;
  test.afterEach(async () => {
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
    host = undefined;
  });

  test('a German browser gets a German frame title and frame', async ({ page, launchApp }) => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const keyward = await launchApp({ EMBED_ALLOWED_ORIGINS: origin });
    host = await startHostServer(port, '127.0.0.1', keyward.url);
    await page.goto(origin);
    const frame = page.locator('keyward-security iframe');
    await expect(frame).toHaveAttribute('title', 'Keyward: Anmelde- und Sicherheitseinstellungen');
    const inside = page.frameLocator('keyward-security iframe');
    await expect(inside.getByRole('button', { name: 'Anmelden', exact: true })).toBeVisible();
    const embedded = page.frames().find((f) => f.url().includes('/embed/security'));
    if (!embedded) throw new Error('no Keyward frame');
    expect(await embedded.evaluate(() => document.documentElement.lang)).toBe('de');
    await expectNoEnglish(embedded);
  });
});
