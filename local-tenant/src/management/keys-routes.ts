import type { Router } from '../http/router';
import {
  getSigningKey,
  listSigningKeys,
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
