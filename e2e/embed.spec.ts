import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { Frame, FrameLocator, Page } from '@playwright/test';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { startHostServer } from '../scripts/embed-host';
import { freePort } from '../test/local-servers';
import { addVirtualAuthenticator, expect, test } from './fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';

// <keyward-security> on host pages served by a real HTTP server on other origins. Keyward runs on
// http://localhost:<port>; the cross-site host on 127.0.0.1 (another site), the same-site host on
// localhost with another port (same site, other origin), and a host missing from
// EMBED_ALLOWED_ORIGINS on 127.0.0.1 too. Chromium blocks third-party cookies for the whole file.

// Each test starts an app instance of its own and most sign in through a popup (tenant pages, the
// callback, a frame reload): on a shared 2-core machine that alone can pass the default minute.
test.describe.configure({ timeout: 180_000 });

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    // Chromium's switch for "third-party cookies blocked", as with that setting turned on.
    args: [...CHROMIUM_ARGS, '--test-third-party-cookie-phaseout'],
  },
});

type Hosts = { cross: string; same: string; other: string; app: string };

const running: Server[] = [];
test.afterEach(async () => {
  await Promise.all(
    running.splice(0).map((s) => {
      // Keep-alive connections from the browser would hold close() open.
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

async function setUp(
  launchApp: (env: Record<string, string>, options?: { dev?: boolean }) => Promise<{ url: string }>,
  env: Record<string, string> = {},
  options: { dev?: boolean } = {},
): Promise<Hosts> {
  const [crossPort, samePort, otherPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const cross = `http://127.0.0.1:${crossPort}`;
  const same = `http://localhost:${samePort}`;
  const other = `http://127.0.0.1:${otherPort}`;
  const app = await launchApp({ EMBED_ALLOWED_ORIGINS: `${cross} ${same}`, ...env }, options);
  running.push(
    await startHostServer(crossPort, '127.0.0.1', app.url),
    await startHostServer(samePort, 'localhost', app.url),
    await startHostServer(otherPort, '127.0.0.1', app.url),
  );
  return { cross, same, other, app: app.url };
}

/**
 * The Keyward frame itself, for evaluating in it. The element asks /embed/check before it frames,
 * so right after a navigation the frame may not be there yet: wait for it.
 */
async function keywardFrame(page: Page) {
  const find = () => page.frames().find((f) => f.url().includes('/embed/security'));
  await expect.poll(() => find() !== undefined, { message: 'no Keyward frame' }).toBe(true);
  const frame = find();
  if (!frame) throw new Error('no Keyward frame');
  return frame;
}

const keyward = (page: Page): FrameLocator =>
  page.frameLocator('keyward-security iframe, iframe[title="Keyward"]');

type Logged = { type: string; detail: Record<string, unknown> };
const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { keywardEvents: Logged[] }).keywardEvents);
const eventsOf = async (page: Page, type: string) =>
  (await events(page)).filter((e) => e.type === `keyward:${type}`);

/** Signs alice in from the frame's button: the popup signs in at top level and closes itself. */
async function signInThroughPopup(page: Page, button: 'Sign in' | 'Sign in again') {
  const popupOpened = page.waitForEvent('popup');
  await keyward(page).getByRole('button', { name: button }).click();
  const popup = await popupOpened;
  await popup.getByLabel('Email').fill(DEMO_USERS.alice.email);
  await popup.getByLabel('Password').fill(DEMO_USERS.alice.password);
  await popup.getByRole('button', { name: 'Continue', exact: true }).click();
  await popup.waitForEvent('close');
}

/**
 * A virtual authenticator for the frame. The cross-site frame is an out-of-process frame with a
 * CDP target of its own, and WebAuthn.enable on the page's session does not reach it; the
 * same-site frame shares the page's process, so the page's session serves it.
 */
async function frameAuthenticator(page: Page, site: 'cross' | 'same') {
  const frame = await keywardFrame(page);
  const cdp = await page.context().newCDPSession(site === 'cross' ? frame : page);
  const authenticatorId = await addVirtualAuthenticator(cdp);
  return async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
}

/** Waits until the element is exactly as tall as the frame's content; returns that height. */
async function expectFrameFitsContent(page: Page): Promise<number> {
  const frame = await keywardFrame(page);
  const content = () =>
    frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  const iframe = () =>
    page.locator('keyward-security iframe').evaluate((el) => el.getBoundingClientRect().height);
  await expect.poll(async () => (await iframe()) - (await content())).toBe(0);
  return content();
}

const passkeysHeading = (page: Page) =>
  keyward(page).getByRole('heading', { level: 2, name: 'Passkeys' });

for (const site of ['cross', 'same'] as const) {
  test(`${site}-site host: a signed-out user signs in through the popup and adds a passkey in the frame`, async ({
    page,
    launchApp,
  }) => {
    const hosts = await setUp(launchApp);
    await page.goto(hosts[site]);
    await expect(keyward(page).getByRole('heading', { name: /Sign in to manage/ })).toBeVisible();
    await expect.poll(() => eventsOf(page, 'signed-out')).toHaveLength(1);

    await signInThroughPopup(page, 'Sign in');
    await expect(passkeysHeading(page)).toBeVisible();
    await expect(
      keyward(page).getByRole('heading', { level: 3, name: 'Google Password Manager' }),
    ).toBeVisible();
    // No site chrome in the frame.
    await expect(keyward(page).getByRole('banner')).toHaveCount(0);
    await expect(keyward(page).getByRole('link', { name: 'Keyward' })).toHaveCount(0);
    expect((await eventsOf(page, 'ready')).at(-1)?.detail).toEqual({ signedIn: true });
    const partitioned = (await page.context().cookies(hosts.app)).filter(
      (c) => c.name === '__session' && c.partitionKey,
    );
    // Cross-site: the frame's own copy, in the host's partition. Same-site: the popup's cookie
    // reaches the frame, and no second one is made beside it.
    expect(partitioned.map((c) => c.partitionKey)).toEqual(
      site === 'cross' ? ['http://127.0.0.1'] : [],
    );

    const credentials = await frameAuthenticator(page, site);
    await keyward(page).getByRole('button', { name: 'Add a passkey' }).click();
    const name = keyward(page).getByRole('textbox', { name: 'Name' });
    await expect(name).toBeVisible();
    await expect.poll(() => eventsOf(page, 'factor-added')).toHaveLength(1);
    const [added] = await eventsOf(page, 'factor-added');
    expect(added?.detail).toMatchObject({ kind: 'passkey', name: 'Chrome on Linux' });
    expect(String(added?.detail.id)).toMatch(/\S/);
    expect(await credentials()).toHaveLength(1);

    // Signing another device out (a fresh sign-in, so no re-auth) tells the host too. The list
    // is read when its section comes into view, in the frame as on the page.
    await keyward(page)
      .locator('section[aria-labelledby="sessions-heading"]')
      .scrollIntoViewIfNeeded();
    await keyward(page)
      .getByRole('button', { name: /^Sign out of Safari on iOS/ })
      .click();
    await keyward(page).getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => eventsOf(page, 'session-ended')).toHaveLength(1);
    expect((await eventsOf(page, 'session-ended'))[0]?.detail).toMatchObject({ current: false });
  });
}

test("cross-site: the frame's session is a partitioned cookie, as third-party cookies are blocked", async ({
  page,
  launchApp,
}) => {
  const hosts = await setUp(launchApp);
  await page.goto(hosts.cross);
  const frame = await keywardFrame(page);
  // Chromium runs with third-party cookies blocked: the frame has no unpartitioned cookies.
  expect(await frame.evaluate(() => document.hasStorageAccess())).toBe(false);
  await signInThroughPopup(page, 'Sign in');
  await expect(passkeysHeading(page)).toBeVisible();
  const sessions = (await page.context().cookies(hosts.app)).filter((c) => c.name === '__session');
  // One from the popup's top-level sign-in, one handed to the frame in the host's partition.
  expect(sessions.map((c) => c.partitionKey ?? null)).toHaveLength(2);
  expect(sessions.map((c) => c.partitionKey ?? null)).toEqual(
    expect.arrayContaining(['http://127.0.0.1', null]),
  );
  const framed = sessions.find((c) => c.partitionKey);
  expect(framed).toMatchObject({ sameSite: 'None', secure: true, httpOnly: true });
});

for (const site of ['cross', 'same'] as const) {
  test(`${site}-site host: removing a factor in the frame goes through re-authentication in the popup`, async ({
    page,
    launchApp,
  }) => {
    // Long enough that the fresh re-authentication is still fresh when the remove is confirmed
    // (a popup, a frame reload and a click, slow under load); short enough to wait out once.
    const hosts = await setUp(launchApp, { REAUTH_MAX_AGE: '20' });
    await page.goto(hosts[site]);
    await signInThroughPopup(page, 'Sign in');
    await expect(passkeysHeading(page)).toBeVisible();
    // Let the sign-in grow older than REAUTH_MAX_AGE.
    await page.waitForTimeout(21_000);

    const frame = keyward(page);
    await frame.getByRole('button', { name: 'Remove Google Password Manager' }).click();
    await frame.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    const reauth = frame.getByRole('dialog', { name: 'Sign in again to continue' });
    await expect(reauth).toBeVisible();
    await signInThroughPopup(page, 'Sign in again');

    // Back in the frame: the confirmation the person had started is open again; one more click.
    const confirm = frame.getByRole('dialog', { name: 'Remove “Google Password Manager”?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(frame.getByRole('status').first()).toContainText(
      '“Google Password Manager” was removed.',
    );
    await expect.poll(() => eventsOf(page, 'factor-removed')).toHaveLength(1);
    expect((await eventsOf(page, 'factor-removed'))[0]?.detail).toMatchObject({
      name: 'Google Password Manager',
      kind: 'passkey',
      pending: false,
    });
  });
}

const accentOf = (page: Page) =>
  keyward(page)
    .getByRole('button', { name: 'Sign in', exact: true })
    .evaluate((el) => getComputedStyle(el).backgroundColor);

for (const site of ['cross', 'same'] as const) {
  test(`${site}-site host: theme tokens from the host change the frame; invalid ones are ignored`, async ({
    page,
    launchApp,
  }) => {
    const hosts = await setUp(launchApp);
    await page.goto(`${hosts[site]}/?accent=%23aa3300&radius=2px&font=serif`);
    await expect.poll(() => accentOf(page)).toBe('rgb(170, 51, 0)');
    const button = keyward(page).getByRole('button', { name: 'Sign in', exact: true });
    expect(await button.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('2px');
    expect(await button.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain(
      'Georgia',
    );

    // A CSS custom property on the element works as the attribute does.
    await page.goto(`${hosts[site]}/?css-accent=%23116633`);
    await expect.poll(() => accentOf(page)).toBe('rgb(17, 102, 51)');

    // Not a colour, not a length in range, not a listed font: Keyward's own theme stays.
    await page.goto(
      `${hosts[site]}/?accent=${encodeURIComponent('red;background:url(https://evil.example)')}&radius=500px&font=Comic%20Sans`,
    );
    await expect.poll(() => eventsOf(page, 'ready')).toHaveLength(1);
    expect(await accentOf(page)).toBe('rgb(47, 84, 212)');
    expect(await button.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('12px');
    // Nothing of the host's reached the frame's styles.
    expect(
      await button.evaluate(() =>
        ['--kw-accent', '--kw-radius', '--kw-font'].map((p) =>
          document.documentElement.style.getPropertyValue(p),
        ),
      ),
    ).toEqual(['', '', '']);
    expect(
      await button.evaluate(() => document.documentElement.getAttribute('style') ?? ''),
    ).not.toMatch(/evil|url\(/);
  });
}

for (const site of ['cross', 'same'] as const) {
  test(`${site}-site host: messages from an origin not allowed are ignored, by the frame and by the element`, async ({
    page,
    launchApp,
  }) => {
    const hosts = await setUp(launchApp);
    const child = page.frameLocator(`iframe[src^="${hosts.other}"]`);
    const rawOrigins = () =>
      page.evaluate(() =>
        (window as unknown as { rawMessages: { origin: string }[] }).rawMessages.map(
          (m) => m.origin,
        ),
      );

    // The element: a forged "factor-added" from another origin's frame reaches the page, no event.
    await page.goto(`${hosts[site]}/?child=${encodeURIComponent(`${hosts.other}/child`)}`);
    await expect.poll(() => eventsOf(page, 'ready')).toHaveLength(1);
    await child.getByRole('button', { name: 'Forge messages' }).click();
    await expect.poll(rawOrigins).toContain(hosts.other);
    expect(await eventsOf(page, 'factor-added')).toEqual([]);

    // The frame: a theme from another origin reaches it (a bare iframe here, which other frames
    // can address as parent.frames[0]) and is not applied.
    const child2 = `${hosts.other}/child`;
    await page.goto(
      `${hosts[site]}/?raw-host=${encodeURIComponent(hosts[site])}&child=${encodeURIComponent(child2)}`,
    );
    const frame = await keywardFrame(page);
    await expect(keyward(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await frame.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      addEventListener('message', (e) => seen.push(e.origin));
    });
    await child.getByRole('button', { name: 'Forge messages' }).click();
    await expect
      .poll(() => frame.evaluate(() => (window as unknown as { seen: string[] }).seen))
      .toContain(hosts.other);
    expect(await accentOf(page)).toBe('rgb(47, 84, 212)');
  });
}

// The frame's two checks on a message, one forged message each: the sender must be its parent
// window (source) and on the host's origin (origin).
test('the frame ignores a theme from another window on the host’s origin, and from its parent on another origin', async ({
  page,
  launchApp,
}) => {
  const hosts = await setUp(launchApp);
  const watch = (frame: Frame) =>
    frame.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      addEventListener('message', (e) => seen.push(e.origin));
    });
  const seen = (frame: Frame) =>
    frame.evaluate(() => (window as unknown as { seen: string[] }).seen);

  // Source: a sibling frame on the host's own origin (addressing the Keyward frame as
  // parent.frames[0]) is not the host page.
  const sibling = `${hosts.cross}/child`;
  await page.goto(
    `${hosts.cross}/?raw-host=${encodeURIComponent(hosts.cross)}&child=${encodeURIComponent(sibling)}`,
  );
  const first = await keywardFrame(page);
  await expect(keyward(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await watch(first);
  await page
    .frameLocator(`iframe[src^="${sibling}"]`)
    .getByRole('button', { name: 'Forge messages' })
    .click();
  await expect.poll(() => seen(first)).toContain(hosts.cross);
  expect(await accentOf(page)).toBe('rgb(47, 84, 212)');

  // Origin: the parent itself, on a site not named in the frame's URL. frame-ancestors keeps such
  // a page from framing Keyward at all; a browser that did not enforce it is simulated by
  // dropping the header, so the frame's own check is what stands.
  await page.route('**/embed/security?**', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['content-security-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto(`${hosts.other}/?raw-host=${encodeURIComponent(hosts.cross)}`);
  const second = await keywardFrame(page);
  await expect(keyward(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await watch(second);
  await page.evaluate(() =>
    frames[0]?.postMessage(
      { protocol: 'keyward/1', type: 'theme', theme: { accent: '#ff0000' } },
      '*',
    ),
  );
  await expect.poll(() => seen(second)).toContain(hosts.other);
  expect(await accentOf(page)).toBe('rgb(47, 84, 212)');
});

test('a host not in EMBED_ALLOWED_ORIGINS gets origin_not_allowed and a fallback link, and cannot frame the page', async ({
  page,
  launchApp,
}) => {
  const hosts = await setUp(launchApp);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  // The element asks first and frames nothing.
  await page.goto(hosts.other);
  await expect.poll(() => eventsOf(page, 'error'), { timeout: 5_000 }).toHaveLength(1);
  expect((await eventsOf(page, 'error'))[0]?.detail).toMatchObject({ code: 'origin_not_allowed' });
  const fallback = page.locator('keyward-security').getByRole('link', {
    name: 'Open your sign-in and security settings in a new tab',
  });
  await expect(fallback).toHaveAttribute('href', `${hosts.app}/security`);
  await expect(page.locator('keyward-security iframe')).toHaveCount(0);
  expect(warnings.filter((w) => w.includes('EMBED_ALLOWED_ORIGINS'))).toHaveLength(1);

  // A bare iframe naming an allowed host is still refused by frame-ancestors.
  const url = `${hosts.other}/?raw-host=${encodeURIComponent(hosts.cross)}`;
  const refused = page.waitForEvent('console', (m) => m.text().includes('frame-ancestors'));
  await page.goto(url);
  expect((await refused).text()).toMatch(/Framing '.+' violates .*frame-ancestors.*blocked/);
  expect(await events(page)).toEqual([]);
  // Every other page refuses to be framed, whatever EMBED_ALLOWED_ORIGINS says.
  const security = await page.request.get(`${hosts.app}/security`, { maxRedirects: 0 });
  expect(security.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(security.headers()['x-frame-options']).toBe('DENY');
  const embed = await page.request.get(
    `${hosts.app}/embed/security?host=${encodeURIComponent(hosts.cross)}`,
  );
  expect(embed.headers()['content-security-policy']).toContain(`frame-ancestors ${hosts.cross}`);
  expect(embed.headers()['permissions-policy']).toContain(
    'publickey-credentials-create=(self), publickey-credentials-get=(self)',
  );
});

for (const width of [360, 1280]) {
  test(`the frame is as tall as its content, with no inner scrollbar, at ${width} px`, async ({
    page,
    launchApp,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const hosts = await setUp(launchApp);
    await page.goto(hosts.cross);
    await signInThroughPopup(page, 'Sign in');
    await expect(passkeysHeading(page)).toBeVisible();
    const height = await expectFrameFitsContent(page);
    expect(height).toBeGreaterThan(800);
    const frame = await keywardFrame(page);
    const overflow = await frame.evaluate(() => ({
      y: document.documentElement.scrollHeight - document.documentElement.clientHeight,
      x: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }));
    expect(overflow).toEqual({ y: 0, x: 0 });
    const resized = await eventsOf(page, 'resize');
    expect(resized.at(-1)?.detail).toEqual({ height });
  });
}

test('axe finds nothing inside the frame, signed out and signed in', async ({
  page,
  launchApp,
}) => {
  const hosts = await setUp(launchApp);
  await page.goto(hosts.cross);
  await expect.poll(() => eventsOf(page, 'ready')).toHaveLength(1);
  const scan = async () => {
    await keywardFrame(page); // the frame is there before axe looks for it
    const results = await new AxeBuilder({ page }).include('keyward-security').analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
  };
  expect(await scan()).toEqual([]);
  await signInThroughPopup(page, 'Sign in');
  await expect(passkeysHeading(page)).toBeVisible();
  expect(await scan()).toEqual([]);

  // The scan does reach into the frame: a flaw planted there is found. Planted again if React
  // (which owns the frame's <body>) dropped it while the signed-in page settled.
  const frame = await keywardFrame(page);
  const plant = () =>
    frame.evaluate(() => {
      if (document.querySelector('img[data-planted]')) return;
      const img = document.createElement('img');
      img.dataset.planted = '';
      document.body.append(img);
    });
  await expect
    .poll(
      async () => {
        await plant();
        return (await scan()).join('\n');
      },
      { timeout: 60_000 },
    )
    .toContain('image-alt');
});

test('WebAuthn blocked by the host (no allow=): the frame says so and reports keyward:error', async ({
  page,
  launchApp,
}) => {
  const hosts = await setUp(launchApp);
  // A bare iframe, without the allow= attribute the element sets.
  await page.goto(`${hosts.cross}/?raw-host=${encodeURIComponent(hosts.cross)}`);
  await signInThroughPopup(page, 'Sign in');
  await expect(passkeysHeading(page)).toBeVisible();
  const frame = await keywardFrame(page);
  expect(
    await frame.evaluate(() =>
      (
        document as unknown as { featurePolicy: { allowsFeature(f: string): boolean } }
      ).featurePolicy.allowsFeature('publickey-credentials-create'),
    ),
  ).toBe(false);
  await frameAuthenticator(page, 'cross');

  await keyward(page).getByRole('button', { name: 'Add a passkey' }).click();
  await expect(
    keyward(page).getByText(/doesn’t allow passkeys and security keys here/),
  ).toBeVisible();
  await expect(keyward(page).getByText('You cancelled')).toHaveCount(0);
  const errors = () =>
    page.evaluate(() =>
      (
        window as unknown as { rawMessages: { data: { type?: string; detail?: unknown } }[] }
      ).rawMessages
        .map((m) => m.data)
        .filter((d) => d.type === 'error'),
    );
  await expect.poll(errors).toHaveLength(1);
  expect((await errors())[0]?.detail).toMatchObject({ code: 'webauthn_blocked' });
});

test('login-hint prefills the popup’s email, and a frame signed in as someone else offers to switch', async ({
  page,
  launchApp,
}) => {
  const hosts = await setUp(launchApp);
  await page.goto(`${hosts.cross}/?login-hint=${encodeURIComponent(DEMO_USERS.alice.email)}`);
  const popupOpened = page.waitForEvent('popup');
  await keyward(page).getByRole('button', { name: 'Sign in', exact: true }).click();
  const popup = await popupOpened;
  await expect(popup.getByLabel('Email')).toHaveValue(DEMO_USERS.alice.email);
  await popup.getByLabel('Password').fill(DEMO_USERS.alice.password);
  await popup.getByRole('button', { name: 'Continue', exact: true }).click();
  await popup.waitForEvent('close');
  await expect(passkeysHeading(page)).toBeVisible();
  await expect(keyward(page).getByText('Signed in as someone else')).toHaveCount(0);

  // The host now expects somebody else.
  await page.goto(`${hosts.cross}/?login-hint=${encodeURIComponent('bob@example.com')}`);
  await expect(
    keyward(page).getByRole('heading', { name: 'Signed in as someone else' }),
  ).toBeVisible();
  await expect(
    keyward(page).getByRole('button', { name: 'Sign in as bob@example.com' }),
  ).toBeVisible();
});

test('lang="de" gives a German frame and frame title; sections="passkeys" shows only passkeys; compact', async ({
  page,
  launchApp,
}) => {
  const hosts = await setUp(launchApp);
  await page.goto(`${hosts.cross}/?lang=de`);
  await expect(page.locator('keyward-security iframe')).toHaveAttribute(
    'title',
    'Keyward: Anmelde- und Sicherheitseinstellungen',
  );
  await expect(keyward(page).getByRole('button', { name: 'Anmelden', exact: true })).toBeVisible();
  expect(await (await keywardFrame(page)).evaluate(() => document.documentElement.lang)).toBe('de');

  await page.goto(`${hosts.cross}/?sections=passkeys&compact`);
  await signInThroughPopup(page, 'Sign in');
  await expect(passkeysHeading(page)).toBeVisible();
  const headings = await keyward(page).getByRole('heading', { level: 2 }).allTextContents();
  expect(headings).toEqual(['Passkeys']);
  await expect(keyward(page).getByRole('button', { name: 'Add a security key' })).toHaveCount(0);
});

/**
 * Signs in through the popup, opens and closes a dialog, and calls reload(): each cause gives its
 * event exactly once. `timeout` is for the dev server, which compiles each page on first request.
 * A slow first load is a cause of its own (load_timeout, after 20 s by default): the element's
 * `timeout` attribute gives it five minutes here, so only duplicates can fail the count.
 */
async function eventsOncePerCause(page: Page, hosts: Hosts, timeout: number) {
  await page.goto(`${hosts.cross}/?timeout=300`);
  await expect(keyward(page).getByRole('button', { name: 'Sign in', exact: true })).toBeVisible({
    timeout,
  });
  await signInThroughPopup(page, 'Sign in');
  await expect(passkeysHeading(page)).toBeVisible({ timeout });
  // Signed out once, then signed in once (the handoff reloads the frame): one each.
  await expect.poll(() => eventsOf(page, 'ready'), { timeout }).toHaveLength(2);
  expect(await eventsOf(page, 'signed-out')).toHaveLength(1);

  await keyward(page).getByRole('button', { name: 'Remove Google Password Manager' }).click();
  await expect(keyward(page).getByRole('dialog')).toBeVisible();
  await expect.poll(() => eventsOf(page, 'dialog-open')).toHaveLength(1);
  await keyward(page).getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => eventsOf(page, 'dialog-close')).toHaveLength(1);
  expect(await eventsOf(page, 'dialog-open')).toHaveLength(1);

  const before = await page.locator('keyward-security iframe').elementHandle();
  await page.evaluate(() => document.querySelector('keyward-security')?.reload());
  await expect.poll(() => eventsOf(page, 'ready'), { timeout }).toHaveLength(3);
  await expect(passkeysHeading(page)).toBeVisible({ timeout });
  const after = await page.locator('keyward-security iframe').elementHandle();
  expect(await page.evaluate(([a, b]) => a === b, [before, after])).toBe(false);
  // A moment for any duplicate to arrive, then exact counts.
  await page.waitForTimeout(1_000);
  const counts: Record<string, number> = {};
  // resize follows the content and may come any number of times; everything else is counted.
  for (const e of await events(page))
    if (e.type !== 'keyward:resize') counts[e.type] = (counts[e.type] ?? 0) + 1;
  expect(counts).toEqual({
    'keyward:ready': 3,
    'keyward:signed-out': 1,
    'keyward:dialog-open': 1,
    'keyward:dialog-close': 1,
  });
}

test('reload() re-renders, a dialog emits open and close, and each event fires once per cause', async ({
  page,
  launchApp,
}) => {
  await eventsOncePerCause(page, await setUp(launchApp), 30_000);
});

test('under next dev (StrictMode runs effects twice) each event still fires once per cause', async ({
  page,
  launchApp,
}) => {
  // next dev compiles every page the flow reaches on first request; on a busy CI machine that is
  // minutes, not seconds.
  test.setTimeout(480_000);
  await eventsOncePerCause(page, await setUp(launchApp, {}, { dev: true }), 120_000);
});

test('cancelling an add emits keyward:add-cancelled', async ({ page, launchApp }) => {
  const hosts = await setUp(launchApp);
  await page.goto(hosts.cross);
  await signInThroughPopup(page, 'Sign in');
  await expect(passkeysHeading(page)).toBeVisible();
  // An authenticator that refuses user verification: the browser reports NotAllowedError at
  // once, which the page reads as the person cancelling.
  const cdp = await page.context().newCDPSession(await keywardFrame(page));
  await addVirtualAuthenticator(cdp, { isUserVerified: false });
  await keyward(page).getByRole('button', { name: 'Add a passkey' }).click();
  await expect.poll(() => eventsOf(page, 'add-cancelled')).toHaveLength(1);
  expect((await eventsOf(page, 'add-cancelled'))[0]?.detail).toEqual({ kind: 'passkey' });
});

test('demo screenshot for the README', async ({ page, launchApp }) => {
  test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to regenerate docs/screenshots');
  await page.setViewportSize({ width: 1100, height: 900 });
  const hosts = await setUp(launchApp);
  await page.goto(`${hosts.cross}/?accent=%231d6b46&radius=6px`);
  await signInThroughPopup(page, 'Sign in');
  await expect(passkeysHeading(page)).toBeVisible();
  await expect
    .poll(async () => (await eventsOf(page, 'ready')).at(-1)?.detail)
    .toEqual({
      signedIn: true,
    });
  await expectFrameFitsContent(page);
  // Chromium paints an out-of-process frame only within the viewport: make it hold the page.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1100, height });
  await page.screenshot({ path: 'docs/screenshots/embed-demo.png' });
});
