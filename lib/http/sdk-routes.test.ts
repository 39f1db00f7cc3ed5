import { describe, expect, it } from 'vitest';
import { isRefusedSdkRoute } from './sdk-routes';

describe('isRefusedSdkRoute', () => {
  it.each([
    '/auth/login',
    '/auth/logout',
    '/auth/callback',
    '/auth/login/',
    '/auth/backchannel-logout',
  ])('lets sign-in, sign-out and Auth0’s logout tokens through: %s', (path) =>
    expect(isRefusedSdkRoute(path)).toBe(false),
  );

  it.each([
    '/auth/access-token',
    '/auth/profile',
    '/auth/passkey/enrollment-challenge',
    '/auth/passkey/enrollment-verify',
    '/auth/passkey/register',
    '/auth/connect',
    '/auth/mfa/authenticators',
    '/auth/passwordless/start',
    '/auth/some-route-a-future-sdk-adds',
    '/auth',
    '/me',
    '/me/v1/authentication-methods',
    '/me/v1/authentication-methods/passkey%7Cdev_1',
    '/my-org/members',
  ])('refuses what Keyward does not use: %s', (path) => expect(isRefusedSdkRoute(path)).toBe(true));

  it.each(['/', '/security', '/api/factors', '/admin/signing-keys', '/media', '/authors'])(
    'leaves the app alone: %s',
    (path) => expect(isRefusedSdkRoute(path)).toBe(false),
  );
});
