import { Auth0Client } from '@auth0/nextjs-auth0/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SDK_INSECURE_WARNING, withoutLocalInsecureWarning } from './local-insecure-warning';

// `npm run build` / `npm start` in local mode: no "allowInsecureRequests is enabled in a production
// environment" from the SDK, which Keyward's local mode enables on purpose. Other warnings pass.

const client = () =>
  new Auth0Client({
    domain: 'http://localhost:4400',
    clientId: 'keyward-local-app',
    clientSecret: 'keyward-local-app-secret',
    secret: 'keyward-local-development-secret-0000000000000000000000000000',
    appBaseUrl: 'http://localhost:3000',
    allowInsecureRequests: true,
  });

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the SDK’s insecure-requests warning', () => {
  it('is printed by the SDK under NODE_ENV=production (what this guards against)', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    client();
    expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
      expect.stringContaining(SDK_INSECURE_WARNING),
    );
  });

  it('is gone in local mode; other warnings still pass', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    withoutLocalInsecureWarning(true, () => {
      client();
      console.warn('something else');
    });
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual(['something else']);
    expect(console.warn).toBe(warn);
  });

  it('is left alone against a real tenant', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    withoutLocalInsecureWarning(false, () => console.warn(`${SDK_INSECURE_WARNING}.`));
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
