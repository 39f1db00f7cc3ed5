import { describe, expect, it } from 'vitest';
import { allowFormTarget, logoutDecision } from './logout-guard';

const APP = 'http://localhost:3000';
const request = (method: string, headers: Record<string, string>) =>
  new Request(`${APP}/auth/logout`, { method, headers });

describe('logoutDecision', () => {
  it.each([
    ['a link on one of Keyward’s pages', { 'sec-fetch-site': 'same-origin' }],
    ['a typed or bookmarked address', { 'sec-fetch-site': 'none' }],
  ])('signs out on a GET from %s', (_label, headers) => {
    expect(logoutDecision(request('GET', headers), APP)).toBe('logout');
  });

  it.each([
    ['another site', { 'sec-fetch-site': 'cross-site' }],
    ['a sibling subdomain', { 'sec-fetch-site': 'same-site' }],
    ['a client that sends no Fetch Metadata', {}],
  ])('asks first on a GET from %s', (_label, headers) => {
    expect(logoutDecision(request('GET', headers), APP)).toBe('confirm');
  });

  it('signs out on a POST with Keyward’s own Origin, or none from a same-origin page', () => {
    expect(logoutDecision(request('POST', { origin: APP }), APP)).toBe('logout');
    expect(logoutDecision(request('POST', { 'sec-fetch-site': 'same-origin' }), APP)).toBe(
      'logout',
    );
  });

  it.each([
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['another port of this host', { origin: 'http://localhost:3001' }],
    ['an opaque origin', { origin: 'null' }],
    ['no Origin and no Fetch Metadata', {}],
    ['no Origin, marked cross-site', { 'sec-fetch-site': 'cross-site' }],
    // Fetch Metadata vouches only for a request without an Origin; a foreign one decides.
    [
      'another origin, marked same-origin',
      { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
    ],
  ])('refuses a POST from %s', (_label, headers) => {
    expect(logoutDecision(request('POST', headers), APP)).toBe('refuse');
  });

  it('refuses other methods', () => {
    expect(logoutDecision(request('DELETE', { origin: APP }), APP)).toBe('refuse');
  });
});

describe('allowFormTarget', () => {
  it('lets the confirmation’s form lead on to the sign-in domain, and nothing else changes', () => {
    const csp = "default-src 'self'; form-action 'self'; frame-ancestors 'none'";
    expect(allowFormTarget(csp, 'https://login.example.com')).toBe(
      "default-src 'self'; form-action 'self' https://login.example.com; frame-ancestors 'none'",
    );
  });
});
