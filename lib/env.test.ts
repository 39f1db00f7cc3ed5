import { describe, expect, it } from 'vitest';
import { LOCAL_TENANT_DEFAULTS, resolveEnv } from '@/lib/env';

const real = {
  AUTH0_DOMAIN: 'keyward.eu.auth0.com',
  AUTH0_CLIENT_ID: 'cid',
  AUTH0_CLIENT_SECRET: 'a-real-client-secret',
  AUTH0_SECRET: 'f'.repeat(64),
  AUTH0_MANAGEMENT_CLIENT_ID: 'mid',
  AUTH0_MANAGEMENT_CLIENT_SECRET: 'a-real-management-secret',
  APP_BASE_URL: 'https://keyward.example.com',
};

describe('resolveEnv', () => {
  it('runs on the local tenant with development defaults when AUTH0_DOMAIN is unset', () => {
    const env = resolveEnv({});
    expect(env.local).toBe(true);
    expect(env.auth0.domain).toBe('http://localhost:4400');
    expect(env.auth0.allowInsecureRequests).toBe(true);
    expect(env.auth0.clientId).toBe(LOCAL_TENANT_DEFAULTS.clientId);
    expect(env.management).toMatchObject({
      domain: '127.0.0.1:4400',
      localOrigin: 'http://127.0.0.1:4400',
    });
    expect(env.webauthn).toEqual({
      rpId: 'localhost',
      rpName: 'Keyward',
      origin: 'http://localhost:3000',
    });
    expect(env.reauthMaxAgeSeconds).toBe(600);
    expect(env.policy).toEqual({ requireMfa: false, emailResetIsFallback: false });
  });

  it('uses the real tenant over https with no insecure requests and no local origin', () => {
    const env = resolveEnv({ ...real, NODE_ENV: 'production', WEBAUTHN_RP_ID: 'example.com' });
    expect(env.local).toBe(false);
    expect(env.auth0.allowInsecureRequests).toBe(false);
    expect(env.management).toMatchObject({ domain: 'keyward.eu.auth0.com', localOrigin: null });
    expect(env.webauthn.rpId).toBe('example.com');
  });

  it('signs in on the custom domain and calls the Management API on the canonical one', () => {
    const env = resolveEnv({
      ...real,
      AUTH0_DOMAIN: 'login.example.com',
      AUTH0_MANAGEMENT_DOMAIN: 'https://keyward.eu.auth0.com/',
    });
    expect(env.auth0.domain).toBe('login.example.com');
    expect(env.management.domain).toBe('keyward.eu.auth0.com');
  });

  it("mails to the local tenant's inbox in local mode, to SMTP_URL otherwise, and nowhere without it", () => {
    expect(resolveEnv({}).mail).toEqual({
      smtpUrl: 'smtp://127.0.0.1:4425',
      from: 'Keyward <keyward@localhost>',
      retryMaxMs: 300_000,
    });
    expect(resolveEnv({ LOCAL_TENANT_SMTP_PORT: '2525' }).mail.smtpUrl).toBe(
      'smtp://127.0.0.1:2525',
    );
    expect(resolveEnv(real).mail.smtpUrl).toBeNull();
    const configured = resolveEnv({
      ...real,
      SMTP_URL: 'smtps://user:pass@smtp.example.com:465',
      MAIL_FROM: 'Security <security@example.com>',
      MAIL_RETRY_MAX_MS: '60000',
    }).mail;
    expect(configured).toEqual({
      smtpUrl: 'smtps://user:pass@smtp.example.com:465',
      from: 'Security <security@example.com>',
      retryMaxMs: 60_000,
    });
    expect(() => resolveEnv({ SMTP_URL: 'http://smtp.example.com' })).toThrow(/SMTP_URL/);
  });

  it('requires an explicit WEBAUTHN_RP_ID in production against a real tenant', () => {
    expect(() => resolveEnv({ ...real, NODE_ENV: 'production' })).toThrow(
      /WEBAUTHN_RP_ID: required/,
    );
    // Development against a real tenant may still default to the app's host.
    expect(resolveEnv(real).webauthn.rpId).toBe('keyward.example.com');
  });

  it('names each missing or malformed variable', () => {
    const { AUTH0_CLIENT_SECRET: _s, ...missing } = real;
    expect(() => resolveEnv(missing)).toThrow(/AUTH0_CLIENT_SECRET: required/);
    expect(() => resolveEnv({ APP_BASE_URL: 'not a url' })).toThrow(/APP_BASE_URL/);
    expect(() => resolveEnv({ ...real, AUTH0_SECRET: 'short' })).toThrow(
      /AUTH0_SECRET: must be at least 32/,
    );
    expect(() => resolveEnv({ REAUTH_MAX_AGE: 'ten' })).toThrow(/REAUTH_MAX_AGE/);
    expect(() => resolveEnv({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
  });

  it('refuses to run production against a real tenant with development secrets', () => {
    expect(() =>
      resolveEnv({
        ...real,
        NODE_ENV: 'production',
        WEBAUTHN_RP_ID: 'example.com',
        AUTH0_SECRET: LOCAL_TENANT_DEFAULTS.secret,
      }),
    ).toThrow(/AUTH0_SECRET: is a public development default/);
    expect(() =>
      resolveEnv({
        ...real,
        NODE_ENV: 'production',
        WEBAUTHN_RP_ID: 'example.com',
        AUTH0_CLIENT_SECRET: LOCAL_TENANT_DEFAULTS.clientSecret,
      }),
    ).toThrow(/AUTH0_CLIENT_SECRET/);
  });

  it('parses the policy knobs and the embed allow-list', () => {
    const env = resolveEnv({
      REQUIRE_MFA: '1',
      EMAIL_RESET_IS_FALLBACK: 'true',
      EMBED_ALLOWED_ORIGINS: 'https://a.example, https://b.example/path',
    });
    expect(env.policy).toEqual({ requireMfa: true, emailResetIsFallback: true });
    expect(env.embedAllowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
