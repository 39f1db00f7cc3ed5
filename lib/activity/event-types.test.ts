// The one table from Auth0's event-type codes to plain words: the documented codes a person cares
// about are in it with the right meaning, the noisy ones are not, and every kind has its words in
// every language.
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/config';
import { MESSAGES } from '@/lib/i18n/messages';
import { EVENT_TYPES } from './event-types';
import { mapLogEvent } from './map-activity';
import { ACTIVITY_KINDS } from './types';

const at = '2026-11-20T10:00:00.000Z';
const entry = (log: Record<string, unknown>) => mapLogEvent({ log_id: '900123', date: at, ...log });

describe('EVENT_TYPES', () => {
  it.each([
    ['s', 'signIn'],
    ['f', 'signInFailed'],
    ['fp', 'signInFailed'],
    ['fu', 'signInFailed'],
    ['gd_auth_failed', 'signInFailed'],
    ['limit_wc', 'signInBlocked'],
    ['slo', 'signedOut'],
    ['scp', 'passwordChanged'],
    ['fcp', 'passwordChangeFailed'],
    ['scpr', 'passwordResetRequested'],
    ['gd_enrollment_complete', 'methodAdded'],
    ['gd_unenroll', 'methodRemoved'],
  ])('maps Auth0 code %s to %s', (code, kind) => {
    expect(EVENT_TYPES[code]).toBe(kind);
    expect(entry({ type: code })?.kind).toBe(kind);
  });

  it.each([
    'ssa', // silent authentication: every page load of an app
    'seacft', // code exchange, part of every sign-in
    'sertft', // refresh token exchange
    'seccft', // machine-to-machine token
    'mgmt_api_read',
    'gd_send_sms',
    'w',
  ])('leaves out %s', (code) => {
    expect(EVENT_TYPES[code]).toBeUndefined();
    expect(entry({ type: code })).toBeNull();
  });

  it('names only kinds the section knows, and every kind has words in every language', () => {
    for (const kind of Object.values(EVENT_TYPES)) {
      if (kind !== 'fromRequest') expect(ACTIVITY_KINDS).toContain(kind);
    }
    for (const locale of LOCALES) {
      const words = MESSAGES[locale].security.activity.kinds as Record<string, string>;
      expect(Object.keys(words).sort()).toEqual([...ACTIVITY_KINDS].sort());
    }
  });
});

describe('mapLogEvent', () => {
  it('tells a passkey sign-in by performed_amr "phr", and shows browser, OS and address', () => {
    const passkey = entry({
      type: 's',
      ip: '203.0.113.9',
      user_agent: 'Chrome 120.0.0 / Mac OS X 10.15.7',
      details: { prompts: [{ name: 'prompt-authenticate', performed_amr: ['phr'] }] },
    });
    expect(passkey).toEqual({
      id: '900123',
      kind: 'signInPasskey',
      at,
      device: 'Chrome on macOS',
      ip: '203.0.113.9',
      place: null,
      method: null,
      session: null,
      count: 1,
    });
    expect(entry({ type: 's', details: { prompts: [{ performed_amr: ['pwd'] }] } })?.kind).toBe(
      'signIn',
    );
  });

  it('reads Management API writes by method and path, without the server’s address', () => {
    const write = (method: string, path: string) =>
      entry({
        type: 'sapi',
        ip: '10.0.0.5',
        user_agent: 'node',
        details: { request: { method, path }, response: { statusCode: 200 } },
      });
    const methods = '/api/v2/users/auth0%7Calice/authentication-methods';
    expect(write('post', methods)).toMatchObject({ kind: 'methodAdded', ip: null, device: null });
    expect(write('delete', `${methods}/webauthn-roaming%7C1`)?.kind).toBe('methodRemoved');
    expect(write('patch', `${methods}/passkey%7C1`)?.kind).toBe('methodRenamed');
    expect(write('delete', '/api/v2/sessions/abc')?.kind).toBe('sessionEnded');
    // Writes that are not about how the person signs in are left out.
    expect(write('patch', '/api/v2/users/auth0%7Calice')).toBeNull();
    expect(write('post', '/api/v2/keys/signing/rotate')).toBeNull();
  });

  it('words a My Account change by its request, or as a change when the request is not named', () => {
    const type = 'my_account_authentication_method_succeeded';
    expect(
      entry({
        type,
        details: { request: { method: 'POST', path: '/me/v1/authentication-methods/x/verify' } },
      })?.kind,
    ).toBe('methodAdded');
    expect(entry({ type, details: { operation: 'something-new' } })?.kind).toBe('methodChanged');
  });

  it('drops events without an id or a readable date', () => {
    expect(mapLogEvent({ type: 's', date: at })).toBeNull();
    expect(mapLogEvent({ type: 's', log_id: '1', date: {} })).toBeNull();
    expect(mapLogEvent({ type: 's', log_id: '1', date: 'yesterday' })).toBeNull();
  });
});
