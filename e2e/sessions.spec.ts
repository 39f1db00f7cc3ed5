import { createPrivateKey, randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, request as playwrightRequest } from '@playwright/test';
import { SignJWT } from 'jose';
import { DEMO_PASSWORD, DEMO_USERS, SEEDED_SESSIONS } from '../local-tenant/src/seed';
import { startRedisServer } from '../test/local-servers';
import { expect, test } from './fixtures';
import { showSessions } from './support/sections';

// "Where you're signed in" and sessions that really end: the sessions list, signing out one
// session or all others, logout that ends the session on the server (a copied cookie stops
// working), logout that another site cannot trigger, back-channel logout from the tenant, and
// sessions shared by two instances through Redis.

const PHONE = SEEDED_SESSIONS[0];
const M2M = { id: 'keyward-local-m2m', secret: 'keyward-local-m2m-secret' };
const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

const sessionsSection = (page: Page) =>
  page.getByRole('region', { name: 'Where you’re signed in' });
const sessionRow = (page: Page, id: string) => page.locator(`li[data-session-id="${id}"]`);

/** This browser's Auth0 session id, as the app marks it. */
async function currentSid(page: Page, appUrl: string): Promise<string> {
  const res = await page.request.get(`${appUrl}/api/sessions`);
  expect(res.status()).toBe(200);
  const { sessions } = (await res.json()) as { sessions: { id: string; current: boolean }[] };
  const current = sessions.find((s) => s.current);
  if (!current) throw new Error('no current session listed');
  return current.id;
}

/** Signs alice in through `appUrl` (the fixture's signIn always uses the main app). */
async function signInAt(page: Page, appUrl: string) {
  await page.goto(`${appUrl}/auth/login`);
  await page.getByLabel('Email').fill(DEMO_USERS.alice.email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.waitForURL(`${appUrl}/**`);
}

/** A client that sends exactly this cookie header, as someone who copied it would. */
async function withCookie(cookie: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ extraHTTPHeaders: { cookie } });
}

async function sessionCookie(page: Page) {
  const cookie = (await page.context().cookies()).find((c) => c.name === '__session');
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

test.describe('where you are signed in', () => {
  test('two browsers: both listed, this one marked; signing the other out ends it there', async ({
    page,
    app,
    tenant,
    signIn,
    browser,
  }) => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    try {
      await signIn(page, 'alice');
      await signIn(otherPage, 'alice');
      const here = await currentSid(page, app.url);
      const there = await currentSid(otherPage, app.url);
      expect(there).not.toBe(here);

      await otherPage.goto(`${app.url}/security`);
      await page.goto(`${app.url}/security`);
      await showSessions(page);
      const section = sessionsSection(page);
      await expect(section.locator('li[data-session-id]')).toHaveCount(3);
      // This browser's first and marked; the other browser and the seeded phone are not.
      await expect(section.locator('li[data-session-id]').first()).toHaveAttribute(
        'data-session-id',
        here,
      );
      await expect(sessionRow(page, here).getByText('This device', { exact: true })).toBeVisible();
      await expect(sessionRow(page, there).getByText('This device', { exact: true })).toHaveCount(
        0,
      );
      await expect(sessionRow(page, there)).toContainText('Chrome on Linux');
      await expect(sessionRow(page, there)).toContainText('Applications: Keyward');
      await expect(sessionRow(page, PHONE.id)).toContainText('Safari on iOS');
      await expect(sessionRow(page, PHONE.id)).toContainText(`IP address ${PHONE.ip}`);
      await expect(sessionRow(page, PHONE.id)).toContainText('Last active: 1 day ago');

      await sessionRow(page, there)
        .getByRole('button', { name: /^Sign out/ })
        .click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText('Sign out of Chrome on Linux?');
      await dialog.getByRole('button', { name: 'Sign out' }).click();
      await expect(section.locator('[data-sessions-status]')).toHaveText(
        'Signed out of Chrome on Linux.',
      );
      await expect(sessionRow(page, there)).toHaveCount(0);
      await expect(section.locator('li[data-session-id]')).toHaveCount(2);

      // The other browser: its next API call is refused, and its page asks it to sign in.
      expect((await otherPage.request.get(`${app.url}/api/factors`)).status()).toBe(401);
      await otherPage.reload();
      await expect(otherPage.getByLabel('Password')).toBeVisible();
      expect(new URL(otherPage.url()).origin).toBe(tenant.url);
      // This one is untouched.
      expect((await page.request.get(`${app.url}/api/factors`)).status()).toBe(200);
    } finally {
      await other.close();
    }
  });

  test('after removing a key, the message offers to sign out the other sessions', async ({
    page,
    app,
    tenant,
    signIn,
  }) => {
    await signIn(page, 'alice');
    const here = await currentSid(page, app.url);
    await page.goto(`${app.url}/security`);
    await page.getByRole('button', { name: 'Remove Desk key' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect(page.locator('[data-page-status]')).toContainText('“Desk key” was removed.');
    const offer = page.getByRole('button', { name: 'Sign out of your other sessions' });
    // Offered, not done: the phone is still signed in. The list had not been read (the section
    // was never scrolled to); the offer is made all the same, and the list is read when taken up.
    await expect(offer).toBeVisible();

    await offer.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Sign out of all other sessions?');
    await expect(dialog).toContainText('You stay signed in here.');
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await expect(sessionsSection(page).locator('[data-sessions-status]')).toHaveText(
      'Signed out of 1 other session.',
    );
    await expect(sessionsSection(page).locator('li[data-session-id]')).toHaveCount(1);
    await expect(sessionRow(page, here)).toBeVisible();
    await expect(sessionRow(page, PHONE.id)).toHaveCount(0);
    // The offer went with the sessions it was about.
    await expect(offer).toHaveCount(0);
    expect((await page.request.get(`${app.url}/api/factors`)).status()).toBe(200);
    // Both changes were mailed to alice, once each.
    const subjects = async () =>
      (await tenant.inbox('alice@example.com')).map((m) => m.subject).sort();
    await expect
      .poll(subjects)
      .toEqual([
        'A sign-in method was removed from your account',
        'Your other sessions were signed out',
      ]);
    const [signedOut] = (await tenant.inbox('alice@example.com')).filter((m) =>
      m.subject.startsWith('Your other sessions'),
    );
    expect(signedOut?.text).toContain('1 other session was signed out.');
  });

  test('signing out this device signs this browser out', async ({ page, app, signIn }) => {
    await signIn(page, 'alice');
    const here = await currentSid(page, app.url);
    await page.goto(`${app.url}/security`);
    await showSessions(page);
    await sessionRow(page, here).getByRole('button', { name: 'Sign out of this device' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Sign out of this device?');
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/`);
    await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeVisible();
    expect((await page.request.get(`${app.url}/api/factors`)).status()).toBe(401);
  });

  test('an old sign-in re-authenticates, then the confirmation to sign out the phone reopens', async ({
    page,
    launchApp,
  }) => {
    const short = await launchApp({ REAUTH_MAX_AGE: '5' });
    await signInAt(page, short.url);
    await page.goto(`${short.url}/security`);
    await showSessions(page);
    await page.waitForTimeout(6_000);

    await sessionRow(page, PHONE.id)
      .getByRole('button', { name: /^Sign out/ })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
    // The tenant asks for the password again (max_age=0), then sends alice back to finish.
    await page.waitForURL(/\/u\/login\//);
    await page.getByLabel('Email').fill(DEMO_USERS.alice.email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.waitForURL(`${short.url}/security`);
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Sign out of Safari on iOS?' })).toBeVisible();
    expect(page.url()).not.toContain('resume=');
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await expect(sessionsSection(page).locator('[data-sessions-status]')).toHaveText(
      'Signed out of Safari on iOS.',
    );
    await expect(sessionRow(page, PHONE.id)).toHaveCount(0);
  });

  test('the sessions list passes axe in light and dark, at 360 px, and with the dialog open', async ({
    page,
    app,
    signIn,
  }) => {
    await signIn(page, 'alice');
    const scan = async () => {
      const { violations } = await new AxeBuilder({ page })
        .include('section[aria-labelledby="sessions-heading"]')
        .analyze();
      expect(violations).toEqual([]);
    };
    for (const [width, scheme] of [
      [1280, 'light'],
      [360, 'dark'],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${app.url}/security`);
      await showSessions(page);
      await expect(sessionRow(page, PHONE.id)).toBeVisible();
      await scan();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    }
    // Keyboard: the row's button opens the dialog, whose first button (Cancel) has focus.
    await sessionRow(page, PHONE.id)
      .getByRole('button', { name: /^Sign out/ })
      .focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
    const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
    expect(violations).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
});

test.describe('signing out ends the session', () => {
  test('a copied session cookie gets 401 after logout, without back-channel logout; the cookie is small and API answers set none', async ({
    page,
    app,
    tenant,
    signIn,
  }) => {
    await signIn(page, 'alice');
    const cookie = await sessionCookie(page);
    const cookieBytes = cookie.name.length + 1 + cookie.value.length;
    test
      .info()
      .annotations.push({ type: 'session cookie bytes', description: String(cookieBytes) });
    expect(cookieBytes).toBeLessThan(300);

    const thief = await withCookie(`${cookie.name}=${cookie.value}`);
    // Back-channel logout needs a paid plan: without it, only Keyward's own delete at sign-out
    // can end the session the copied cookie names.
    await tenant.breakSetting('backchannel_logout');
    try {
      const before = await thief.get(`${app.url}/api/factors`);
      expect(before.status()).toBe(200);
      // An API answer re-issues no cookie at all.
      const setCookies = before.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie');
      expect(setCookies).toEqual([]);
      const headerBytes = before
        .headersArray()
        .reduce((n, h) => n + h.name.length + h.value.length + 4, 0);
      const bodyBytes = (await before.body()).length;
      test.info().annotations.push({
        type: 'GET /api/factors bytes',
        description: `headers ${headerBytes}, body ${bodyBytes}`,
      });

      // Sign out as the person would: the header's link.
      await page.goto(`${app.url}/security`);
      await page.getByRole('link', { name: 'Sign out' }).click();
      await page.waitForURL(`${app.url}/`);

      expect((await thief.get(`${app.url}/api/factors`)).status()).toBe(401);
    } finally {
      await thief.dispose();
    }
  });

  test('another site cannot sign the person out', async ({ page, app, signIn }) => {
    await signIn(page, 'alice');
    // Another site (127.0.0.1 is not localhost's site), served by the test itself.
    const evil = 'http://127.0.0.1:9';
    await page.route(`${evil}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>Evil</title>
          <img src="${app.url}/auth/logout" alt="">
          <form id="post" method="post" action="${app.url}/auth/logout"></form>
          <a id="link" href="${app.url}/auth/logout">Free prize</a>`,
      }),
    );
    await page.goto(`${evil}/`);
    // An image (a cross-site GET) and a form POST with the other site's Origin.
    const posted = page.waitForResponse(
      (r) => r.url() === `${app.url}/auth/logout` && r.request().method() === 'POST',
    );
    await page.evaluate(() => (document.getElementById('post') as HTMLFormElement).submit());
    expect((await posted).status()).toBe(403);
    // Let the form's navigation finish, or the next goto races it.
    await page.waitForURL(`${app.url}/auth/logout`);
    expect((await page.request.get(`${app.url}/api/factors`)).status()).toBe(200);

    // A link followed from that site: Keyward asks instead of signing out.
    await page.goto(`${evil}/`);
    await page.locator('#link').click();
    await expect(page.getByRole('heading', { name: 'Sign out of Keyward?' })).toBeVisible();
    expect((await page.request.get(`${app.url}/api/factors`)).status()).toBe(200);

    // The person's own choice on that page (a same-origin POST) does sign out.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/`);
    expect((await page.request.get(`${app.url}/api/factors`)).status()).toBe(401);
  });

  test('ending the session through the tenant’s Management API signs the app out (back-channel logout)', async ({
    page,
    app,
    tenant,
    signIn,
  }) => {
    await signIn(page, 'alice');
    const sid = await currentSid(page, app.url);
    const port = new URL(tenant.url).port;
    // Through the canonical host the token is then used on (tokens are bound to it).
    const tokenRes = await fetch(`http://127.0.0.1:${port}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: M2M.id,
        client_secret: M2M.secret,
        audience: `https://127.0.0.1:${port}/api/v2/`,
      }),
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };

    // A logout token for this very session that the tenant signed for another application (the
    // audience check): refused, and nothing ends.
    const { kid, jwk } = tenant.signingKey();
    const forged = await new SignJWT({
      sub: DEMO_USERS.alice.user_id,
      sid,
      events: { [LOGOUT_EVENT]: {} },
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'logout+jwt' })
      .setIssuer(`${tenant.url}/`)
      .setAudience('another-app')
      .setIssuedAt()
      .setExpirationTime('2m')
      .setJti(randomUUID())
      .sign(createPrivateKey({ key: jwk, format: 'jwk' }));
    const refused = await fetch(`${app.url}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: forged }),
    });
    expect(refused.status).toBe(400);
    expect((await page.request.get(`${app.url}/api/factors`)).status()).toBe(200);

    const ended = await fetch(`http://127.0.0.1:${port}/api/v2/sessions/${sid}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ended.status).toBe(202);
    await expect
      .poll(async () => (await page.request.get(`${app.url}/api/factors`)).status(), {
        timeout: 1000,
        intervals: [100],
      })
      .toBe(401);
  });
});

test('two instances sharing Redis share sessions: sign in on one, use the other, sign out on either', async ({
  page,
  launchApp,
}) => {
  test.setTimeout(180_000);
  const redis = await startRedisServer();
  try {
    // The cookie reaches both (cookies ignore ports) and both read it (one AUTH0_SECRET).
    const [a, b] = await Promise.all([
      launchApp({ REDIS_URL: redis.url }),
      launchApp({ REDIS_URL: redis.url }),
    ]);
    try {
      for (const [signInAtUrl, useAtUrl] of [
        [a.url, b.url],
        [b.url, a.url],
      ] as const) {
        await signInAt(page, signInAtUrl);
        const cookie = await sessionCookie(page);
        expect((await page.request.get(`${useAtUrl}/api/factors`)).status()).toBe(200);
        await page.goto(`${useAtUrl}/security`);
        await expect(page.getByRole('heading', { name: 'Passkeys', exact: true })).toBeVisible();
        // Signing out through the instance it was not made on ends it on both.
        await page.getByRole('link', { name: 'Sign out' }).click();
        await page.waitForURL(`${useAtUrl}/`);
        const copied = await withCookie(`${cookie.name}=${cookie.value}`);
        try {
          expect((await copied.get(`${signInAtUrl}/api/factors`)).status()).toBe(401);
          expect((await copied.get(`${useAtUrl}/api/factors`)).status()).toBe(401);
        } finally {
          await copied.dispose();
        }
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  } finally {
    redis.stop();
  }
});

test.describe('sessions told apart by place', () => {
  // Public addresses the offline database (DB-IP Lite) places, forwarded by each browser as a
  // proxy would; the tenant's custom domain reads X-Forwarded-For, as Auth0's can be set to.
  const BERLIN = '81.169.145.78';
  const MOUNTAIN_VIEW = '8.8.8.8';
  test.use({ extraHTTPHeaders: { 'x-forwarded-for': BERLIN } });

  test('two sessions from different addresses show different places; the mail names the one ended', async ({
    page,
    app,
    tenant,
    signIn,
    browser,
  }) => {
    const other = await browser.newContext({
      extraHTTPHeaders: { 'x-forwarded-for': MOUNTAIN_VIEW },
    });
    try {
      await signIn(await other.newPage(), 'alice');
      await signIn(page, 'alice');
      const here = await currentSid(page, app.url);
      await page.goto(`${app.url}/security`);
      await showSessions(page);
      const section = sessionsSection(page);
      await expect(section.locator('li[data-session-id]')).toHaveCount(3);
      await expect(sessionRow(page, here)).toContainText('Approximate location: Berlin, Germany');
      await expect(sessionRow(page, here)).toContainText('Computer');
      const away = section.locator('li[data-session-id]', { hasText: 'Mountain View' });
      await expect(away).toContainText('Approximate location: Mountain View, United States');
      await expect(away).toContainText(`IP address ${MOUNTAIN_VIEW}`);
      // The seeded phone's documentation address has no place, and says so by saying nothing.
      await expect(sessionRow(page, PHONE.id)).toContainText('Phone');
      await expect(sessionRow(page, PHONE.id)).not.toContainText('Approximate location');
      await expect(section).toContainText('IP Geolocation by DB-IP');

      await away
        .getByRole('button', {
          name: /^Sign out of Chrome on .*, Mountain View, United States, 8\.8\.8\.8$/,
        })
        .click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText(
        'from Mountain View, United States, 8.8.8.8 will have to sign in again.',
      );
      await dialog.getByRole('button', { name: 'Sign out' }).click();
      await expect(away).toHaveCount(0);
      await expect(sessionRow(page, here)).toBeVisible();

      const ended = async () =>
        (await tenant.inbox('alice@example.com')).filter((m) =>
          m.subject.startsWith('A session on Chrome on'),
        );
      await expect.poll(async () => (await ended()).length, { timeout: 30_000 }).toBe(1);
      const [mail] = await ended();
      expect(mail?.text).toMatch(
        /Your session on Chrome on \w+ \(Mountain View, United States, 8\.8\.8\.8\) was signed out\./,
      );
      // The facts below say who did it: this browser, from Berlin's address.
      expect(mail?.text).toContain(`IP address: ${BERLIN}`);
    } finally {
      await other.close();
    }
  });
});

test('a German page words places and device types in German', async ({ browser, app, signIn }) => {
  const context = await browser.newContext({
    locale: 'de-DE',
    extraHTTPHeaders: { 'accept-language': 'de-DE,de;q=0.9', 'x-forwarded-for': '81.169.145.78' },
  });
  try {
    const page = await context.newPage();
    await signIn(page, 'alice');
    await page.goto(`${app.url}/security`);
    await page.locator('section[aria-labelledby="sessions-heading"]').scrollIntoViewIfNeeded();
    const here = page
      .locator('section[aria-labelledby="sessions-heading"] li[data-session-id]')
      .first();
    await expect(here).toContainText('Ungefährer Ort: Berlin, Deutschland');
    await expect(here).toContainText('Computer');
    await expect(sessionRow(page, PHONE.id)).toContainText('Smartphone');
  } finally {
    await context.close();
  }
});
