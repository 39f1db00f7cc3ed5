import type { Server } from 'node:http';
import AxeBuilder from '@axe-core/playwright';
import type { FrameLocator, Page } from '@playwright/test';
import { startHostServer } from '../embed-demo/host-server';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { freePort } from '../test/local-servers';
import { expect, test } from './fixtures';

// <keyward-security> on host pages served by a real HTTP server on other origins. Keyward runs on
// http://localhost:<port>; the cross-site host on 127.0.0.1 (another site), the same-site host on
// localhost with another port (same site, other origin), and a host missing from
// EMBED_ALLOWED_ORIGINS on 127.0.0.1 too. Chromium blocks third-party cookies for the whole file.

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Chromium's switch for "third-party cookies blocked", as with that setting turned on.
      '--test-third-party-cookie-phaseout',
    ],
  },
});

type Hosts = { cross: string; same: string; other: string; app: string };

const running: Server[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function setUp(
  launchApp: (env: Record<string, string>) => Promise<{ url: string }>,
  env: Record<string, string> = {},
): Promise<Hosts> {
  const [crossPort, samePort, otherPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const cross = `http://127.0.0.1:${crossPort}`;
  const same = `http://localhost:${samePort}`;
  const other = `http://127.0.0.1:${otherPort}`;
  const app = await launchApp({ EMBED_ALLOWED_ORIGINS: `${cross} ${same}`, ...env });
  running.push(
    await startHostServer(crossPort, '127.0.0.1', app.url),
    await startHostServer(samePort, 'localhost', app.url),
    await startHostServer(otherPort, '127.0.0.1', app.url),
  );
  return { cross, same, other, app: app.url };
}

const keyward = (page: Page): FrameLocator => page.frameLocator('keyward-security iframe');

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
  const frame = page.frames().find((f) => f.url().includes('/embed/security'));
  if (!frame) throw new Error('no Keyward frame');
  const cdp = await page.context().newCDPSession(site === 'cross' ? frame : page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
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
    await expect(keyward(page).getByRole('heading', { level: 3, name: 'Google Password Manager' })).toBeVisible();
    // No site chrome in the frame.
    await expect(keyward(page).getByRole('banner')).toHaveCount(0);
    await expect(keyward(page).getByRole('link', { name: 'Keyward' })).toHaveCount(0);
    expect((await eventsOf(page, 'ready')).at(-1)?.detail).toEqual({ signedIn: true });

    const credentials = await frameAuthenticator(page, site);
    await keyward(page).getByRole('button', { name: 'Add a passkey' }).click();
    const name = keyward(page).getByRole('textbox', { name: 'Name' });
    await expect(name).toBeVisible();
    await expect.poll(() => eventsOf(page, 'factor-added')).toHaveLength(1);
    const [added] = await eventsOf(page, 'factor-added');
    expect(added?.detail).toMatchObject({ kind: 'passkey', name: 'Chrome on Linux' });
    expect(String(added?.detail.id)).toMatch(/\S/);
    expect(await credentials()).toHaveLength(1);
  });
}
