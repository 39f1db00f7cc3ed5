import type { Router } from '../http/router';
import {
  getSigningKey,
  listSigningKeys,
  nextRotationAllowedAt,
  ROTATIONS_PER_DAY,
  revokeSigningKey,
  rotateSigningKeys,
  SigningKeyError,
} from '../keys/signing-keys';
import type { Tenant } from '../tenant';
import { ApiError } from './errors';
import { apiHandler } from './handler';

function mapKeyErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SigningKeyError) {
      throw new ApiError(error.status, error.message, error.errorCode);
    }
    throw error;
  }
}

export function registerKeyRoutes(router: Router, tenant: Tenant): void {
  router.add(
    'GET',
    '/api/v2/keys/signing',
    apiHandler(tenant, { anyOf: ['read:signing_keys'] }, ({ ctx }) => {
      ctx.body = listSigningKeys(tenant.db);
    }),
  );

  router.add(
    'GET',
    '/api/v2/keys/signing/:kid',
    apiHandler(tenant, { anyOf: ['read:signing_keys'] }, ({ ctx, params }) => {
      ctx.body = mapKeyErrors(() => getSigningKey(tenant.db, params.kid ?? ''));
    }),
  );

  router.add(
    'POST',
    '/api/v2/keys/signing/rotate',
    apiHandler(tenant, { allOf: ['create:signing_keys', 'update:signing_keys'] }, ({ ctx }) => {
      const allowedAt = nextRotationAllowedAt(tenant.db);
      if (allowedAt !== null) {
        // Auth0's rate-limit headers; its SDK and Keyward read the reset time from them.
        ctx.set('x-ratelimit-limit', String(ROTATIONS_PER_DAY));
        ctx.set('x-ratelimit-remaining', '0');
        ctx.set('x-ratelimit-reset', String(Math.ceil(allowedAt / 1000)));
        throw new ApiError(
          429,
          'Too many requests. Check the X-RateLimit-* headers.',
          'too_many_requests',
        );
      }
      const next = rotateSigningKeys(tenant.db, new URL(tenant.urls.origin).hostname);
      ctx.status = 201;
      ctx.body = { cert: next.cert, kid: next.kid };
    }),
  );

  router.add(
    'PUT',
    '/api/v2/keys/signing/:kid/revoke',
    apiHandler(tenant, { anyOf: ['update:signing_keys'] }, ({ ctx, params }) => {
      const revoked = mapKeyErrors(() => revokeSigningKey(tenant.db, params.kid ?? ''));
      ctx.body = { cert: revoked.cert, kid: revoked.kid };
    }),
  );
}
