import { describe, expect, it } from 'vitest';
import { resolveConfig, tenantUrls } from '../src/config';
import { ENROLLMENT_TTL_MS, EnrollmentStore } from '../src/my-account/enrollments';
import { UserReadLimiter } from '../src/my-account/read-limit';
import { summarizeUserAgent } from '../src/my-account/user-agent';
import { toMyAccountMethod } from '../src/my-account/view';
import { USER_AGENT_SUMMARIES, USER_AGENTS } from '../src/seed';

describe('configuration', () => {
  it('separates the sign-in domain from the canonical (Management API) domain', () => {
    expect(tenantUrls(4400)).toEqual({
      origin: 'http://localhost:4400',
      issuer: 'http://localhost:4400/',
      signInHost: 'localhost:4400',
      canonicalHost: '127.0.0.1:4400',
      canonicalOrigin: 'http://127.0.0.1:4400',
      managementAudience: 'https://127.0.0.1:4400/api/v2/',
      myAccountAudience: 'http://localhost:4400/me/',
    });
  });

  it('reads the rate limits from the environment', () => {
    expect(resolveConfig({}, {})).toMatchObject({
      rateLimitPerSecond: null,
      rateBurst: null,
      myAccountReadsPerMinute: 2,
    });
    expect(
      resolveConfig(
        {},
        {
          LOCAL_TENANT_RATE_LIMIT: '2',
          LOCAL_TENANT_RATE_BURST: '5',
          LOCAL_TENANT_MY_ACCOUNT_READS_PER_MINUTE: 'off',
        },
      ),
    ).toMatchObject({ rateLimitPerSecond: 2, rateBurst: 5, myAccountReadsPerMinute: null });
    expect(
      resolveConfig({}, { LOCAL_TENANT_MY_ACCOUNT_READS_PER_MINUTE: '5' }).myAccountReadsPerMinute,
    ).toBe(5);
  });
});

describe('user agent summary', () => {
  it("uses Auth0's 'browser version / OS version' form", () => {
    expect(summarizeUserAgent(USER_AGENTS.chromeMac)).toBe(USER_AGENT_SUMMARIES.chromeMac);
    expect(summarizeUserAgent(USER_AGENTS.chromeWindows)).toBe(USER_AGENT_SUMMARIES.chromeWindows);
    expect(summarizeUserAgent(USER_AGENTS.firefoxWindows)).toBe(
      USER_AGENT_SUMMARIES.firefoxWindows,
    );
    expect(summarizeUserAgent(USER_AGENTS.safariIphone)).toBe('Mobile Safari 18.1 / iOS 18.1');
    expect(summarizeUserAgent('curl/8.0')).toBe('Other 0.0.0 / Other 0.0.0');
    expect(summarizeUserAgent(undefined)).toBeUndefined();
    expect(summarizeUserAgent('  ')).toBeUndefined();
  });
});

describe('enrolment sessions', () => {
  const pending = {
    userId: 'auth0|dana',
    methodId: 'passkey|new',
    challenge: 'c',
    rpId: 'localhost',
    userHandle: 'h',
    identityUserId: 'dana',
  };

  it('are single-use and expire after 5 minutes', () => {
    let now = 0;
    const store = new EnrollmentStore(() => now);
    const id = store.put(pending);
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(store.take(id)).toMatchObject(pending);
    expect(store.take(id)).toBeUndefined();
    const late = store.put(pending);
    now += ENROLLMENT_TTL_MS;
    expect(store.take(late)).toBeUndefined();
  });
});

describe('per-user read limit', () => {
  it('allows perMinute reads per user, refilling over the minute', () => {
    let now = 0;
    const limiter = new UserReadLimiter(2, () => now);
    expect(limiter.take('a')?.allowed).toBe(true);
    expect(limiter.take('a')?.allowed).toBe(true);
    const denied = limiter.take('a');
    expect(denied).toMatchObject({ allowed: false, limit: 2, remaining: 0, retryAfter: 30 });
    expect(limiter.take('b')?.allowed).toBe(true);
    now += 30_000;
    expect(limiter.take('a')?.allowed).toBe(true);
    limiter.reset();
    expect(limiter.take('a')?.allowed).toBe(true);
    limiter.set(null);
    expect(limiter.take('a')).toBeUndefined();
  });
});

describe('My Account method shape', () => {
  it('maps Management API methods to My Account ones', () => {
    const created_at = '2025-01-01T00:00:00.000Z';
    expect(
      toMyAccountMethod({
        id: 'passkey|dev_1',
        type: 'passkey',
        created_at,
        name: 'Renamed',
        key_id: 'k',
        public_key: 'p',
        credential_device_type: 'multi_device',
        credential_backed_up: true,
        identity_user_id: 'dana',
        user_handle: 'h',
        relying_party_identifier: 'localhost',
      }),
    ).toEqual({
      id: 'passkey|dev_1',
      type: 'passkey',
      created_at,
      usage: ['primary'],
      key_id: 'k',
      public_key: 'p',
      credential_device_type: 'multi_device',
      credential_backed_up: true,
      identity_user_id: 'dana',
      user_handle: 'h',
      relying_party_id: 'localhost',
    });
    expect(
      toMyAccountMethod({ id: 'password|x', type: 'password', created_at, identity_user_id: 'a' }),
    ).toEqual({
      id: 'password|x',
      type: 'password',
      created_at,
      usage: ['primary'],
      identity_user_id: 'a',
    });
    expect(
      toMyAccountMethod({
        id: 'webauthn-roaming|dev_2',
        type: 'webauthn-roaming',
        created_at,
        confirmed: true,
        name: 'Desk key',
        key_id: 'k',
        public_key: 'p',
        relying_party_identifier: 'localhost',
      }),
    ).toEqual({
      id: 'webauthn-roaming|dev_2',
      type: 'webauthn-roaming',
      created_at,
      usage: ['secondary'],
      confirmed: true,
      name: 'Desk key',
      key_id: 'k',
      public_key: 'p',
    });
    expect(toMyAccountMethod({ id: 'totp|dev_3', type: 'totp', created_at })).toEqual({
      id: 'totp|dev_3',
      type: 'totp',
      created_at,
      usage: ['secondary'],
      confirmed: true,
    });
  });
});
