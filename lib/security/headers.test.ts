import { describe, expect, it } from 'vitest';
import { buildCsp, securityHeaders } from './headers';

const csp = buildCsp({ nonce: 'n', dev: false, frameAncestors: [] });

describe('securityHeaders', () => {
  it('sends HSTS when the app is served over https', () => {
    expect(securityHeaders(csp, [], 'https://keyward.example.com')).toMatchObject({
      'strict-transport-security': 'max-age=63072000; includeSubDomains',
    });
  });

  it('sends no HSTS over plain http (local development)', () => {
    expect(securityHeaders(csp, [], 'http://localhost:3000')).not.toHaveProperty(
      'strict-transport-security',
    );
  });

  it('refuses framing unless an embedder is allowed', () => {
    expect(securityHeaders(csp, [], 'http://localhost:3000')['x-frame-options']).toBe('DENY');
    expect(
      securityHeaders(csp, ['https://app.example.com'], 'http://localhost:3000'),
    ).not.toHaveProperty('x-frame-options');
  });

  it("delegates WebAuthn to Keyward's own origin only", () => {
    expect(securityHeaders(csp, [], 'http://localhost:3000')['permissions-policy']).toBe(
      'camera=(), microphone=(), geolocation=(), publickey-credentials-create=(self), publickey-credentials-get=(self)',
    );
  });

  it('keeps paths out of other sites’ Referer, and types from being sniffed', () => {
    expect(securityHeaders(csp, [], 'http://localhost:3000')).toMatchObject({
      'content-security-policy': csp,
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-content-type-options': 'nosniff',
    });
  });
});
