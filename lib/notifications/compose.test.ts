import { describe, expect, it } from 'vitest';
import { composeMail } from './compose';
import type { Notification } from './types';

const base: Notification = {
  id: '3f1c8a52-0000-4000-8000-000000000001',
  kind: 'passkey_added',
  to: 'alice@example.com',
  locale: 'en',
  at: '2026-11-23T22:54:10.000Z',
  device: 'Firefox on Windows',
  ip: '203.0.113.7',
  details: { name: 'Work <laptop>' },
};

describe('composeMail', () => {
  it('says what changed, when, from which browser and IP, and links to /security', () => {
    const mail = composeMail(base, 'https://keyward.example');
    expect(mail.subject).toBe('A passkey was added to your account');
    expect(mail.text).toContain('The passkey “Work <laptop>” was added to your account.');
    expect(mail.text).toContain('When: 23 November 2026 at 22:54 UTC');
    expect(mail.text).toContain('Browser and system: Firefox on Windows');
    expect(mail.text).toContain('IP address: 203.0.113.7');
    expect(mail.text).toContain('If this wasn’t you');
    expect(mail.text).toContain('https://keyward.example/security');
    expect(mail.messageId).toBe(`<${base.id}@keyward.example>`);
  });

  it('escapes names in the HTML part', () => {
    const { html } = composeMail(base, 'https://keyward.example');
    expect(html).toContain('Work &#60;laptop&#62;');
    expect(html).not.toContain('<laptop>');
    expect(html).toContain('href="https://keyward.example/security"');
  });

  it('writes German for a German request, the device in German words too', () => {
    const mail = composeMail({ ...base, locale: 'de' }, 'https://keyward.example');
    expect(mail.subject).toBe('Ein Passkey wurde Ihrem Konto hinzugefügt');
    expect(mail.text).toContain('Browser und System: Firefox unter Windows');
    expect(mail.text).toContain('Wann: 23. November 2026 um 22:54 UTC');
  });

  it('sends admins to the signing keys, and says "unknown" for what the request did not tell', () => {
    const mail = composeMail(
      { ...base, kind: 'signing_key_revoked', device: null, ip: null, details: { kid: 'abc' } },
      'https://keyward.example',
    );
    expect(mail.text).toContain('You revoked the signing key abc.');
    expect(mail.text).toContain('IP address: unknown');
    expect(mail.text).toContain('https://keyward.example/admin/signing-keys');
    expect(mail.text).not.toContain('/security');
  });

  it('counts signed-out sessions', () => {
    const mail = composeMail(
      { ...base, kind: 'sessions_signed_out', details: { count: 2 } },
      'https://keyward.example',
    );
    expect(mail.text).toContain('2 other sessions were signed out.');
  });

  it('names the one session a sign-out ended: its browser, place and address, in each language', () => {
    const ended: Notification = {
      ...base,
      kind: 'session_signed_out',
      details: {
        session: {
          device: 'Chrome on Linux',
          ip: '8.8.8.8',
          place: { scope: 'public', city: 'Mountain View', country: 'US' },
        },
      },
    };
    const en = composeMail(ended, 'https://keyward.example');
    expect(en.subject).toBe('A session on Chrome on Linux was signed out');
    expect(en.text).toContain(
      'Your session on Chrome on Linux (Mountain View, United States, 8.8.8.8) was signed out.',
    );
    const de = composeMail({ ...ended, locale: 'de' }, 'https://keyward.example');
    expect(de.subject).toBe('Eine Sitzung auf Chrome unter Linux wurde abgemeldet');
    expect(de.text).toContain('(Mountain View, Vereinigte Staaten, 8.8.8.8)');
  });
});
