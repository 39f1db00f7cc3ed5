import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSKEY_SCRIPT } from '../src/login/passkey-script';
import { DEMO_USERS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { Browser } from './browser';
import { discoverAppClient, startTestTenant } from './helpers';

// Universal Login's language as Auth0 picks it: the application's ui_locales, else the browser's
// Accept-Language, else English. The pages that end a flow ("Password changed", "Link expired")
// lead back to the application.

const APP = 'http://localhost:3000';

let tenant: RunningTenant;
let config: client.Configuration;

beforeAll(async () => {
  tenant = await startTestTenant({ appUrls: [APP] });
  config = await discoverAppClient(tenant);
});
afterAll(async () => tenant?.close());

async function loginPage(extra: Record<string, string>) {
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${APP}/auth/callback`,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
    state: 'st',
    ...extra,
  });
  const { url: pageUrl, res } = await new Browser().follow(url.href, APP);
  return { pageUrl, html: await res.text() };
}

const german = { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' };
/** The page's visible words, without markup, styles and scripts. */
const words = (html: string) =>
  html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the sign-in page', () => {
  it('speaks German for ui_locales=de, and English without it', async () => {
    const de = await loginPage({ ui_locales: 'fr de' });
    expect(de.html).toContain('<html lang="de">');
    expect(words(de.html)).toContain('Melden Sie sich bei Keyward an, um fortzufahren.');
    expect(words(de.html)).toContain('Passwort vergessen?');
    expect(words(de.html)).toContain('Mit einem Passkey fortfahren');
    expect(words(de.html)).not.toMatch(/Sign in|Password|Continue|Forgot/);

    const en = await loginPage({});
    expect(en.html).toContain('<html lang="en">');
    expect(words(en.html)).toContain('Sign in to Keyward to continue.');
  });
});

describe("the passkey button's messages", () => {
  it('come from the page in its language; the script itself carries no words', async () => {
    const attribute = (html: string) => {
      const raw = /data-text="([^"]*)"/.exec(html)?.[1] ?? '';
      return JSON.parse(
        raw.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&'),
      );
    };
    const de = attribute((await loginPage({ ui_locales: 'de' })).html);
    expect(de.cancelled).toMatch(/^Die Anmeldung mit Passkey wurde abgebrochen/);
    expect(de.unsupported).toMatch(/^Dieser Browser unterstützt keine Passkeys/);
    const en = attribute((await loginPage({})).html);
    expect(en.cancelled).toMatch(/^Passkey sign-in was cancelled/);
    expect(PASSKEY_SCRIPT).not.toMatch(/sign-in method|Try again|was selected|went wrong/);
  });
});

describe('the reset pages', () => {
  it('follow Accept-Language', async () => {
    const asked = await fetch(`${tenant.url}/u/login/any/reset-password`, { headers: german });
    const html = await asked.text();
    expect(html).toContain('<html lang="de">');
    expect(words(html)).toContain('Passwort vergessen?');
    expect(words(html)).toContain('Zurück zur Anmeldung');
    expect(words(html)).not.toMatch(/Forgot|Email|Back to sign in/);

    const sent = await fetch(`${tenant.url}/u/login/any/reset-password`, {
      method: 'POST',
      headers: { ...german, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: DEMO_USERS.bob.email }).toString(),
    });
    expect(words(await sent.text())).toContain('Prüfen Sie Ihre E-Mails');
  });

  it('"Link expired" says so in the browser’s language and leads back to the application', async () => {
    const de = await fetch(`${tenant.url}/u/reset-password?ticket=spent`, { headers: german });
    expect(de.status).toBe(400);
    const html = await de.text();
    expect(words(html)).toContain('Link abgelaufen');
    expect(html).toContain(`<a href="${APP}">Zurück zu Keyward</a>`);

    const en = await (await fetch(`${tenant.url}/u/reset-password?ticket=spent`)).text();
    expect(words(en)).toContain('Link expired');
    expect(en).toContain(`<a href="${APP}">Back to Keyward</a>`);
  });
});
