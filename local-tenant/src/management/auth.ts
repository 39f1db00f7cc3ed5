import type { JWTPayload } from 'jose';
import type { Context } from 'koa';
import { BearerError, scopesOf, verifyBearer } from '../http/bearer';
import type { Tenant } from '../tenant';
import { ApiError } from './errors';

const MESSAGES = {
  missing: 'Missing authentication',
  invalid: 'Invalid token',
  expired: 'Expired token received for JSON Web Token validation',
} as const;

/** The host a Management token was obtained through (Auth0 tells them apart by `iss`). */
export const ISSUED_THROUGH_CLAIM = 'https://local-tenant/issued_through';

/**
 * Verifies the Bearer token for the Management API audience (the canonical domain's), used on the
 * host it was obtained through: at Auth0 a token got through a custom domain carries that domain
 * as issuer and is refused on the canonical one, and the other way round.
 */
export async function authenticate(ctx: Context, tenant: Tenant): Promise<JWTPayload> {
  try {
    const payload = await verifyBearer(ctx, tenant, tenant.urls.managementAudience);
    if (payload[ISSUED_THROUGH_CLAIM] !== ctx.host) throw new BearerError('invalid');
    return payload;
  } catch (error) {
    if (error instanceof BearerError) {
      throw new ApiError(401, MESSAGES[error.reason], 'invalid_token');
    }
    throw error;
  }
}

/** 403 unless the token has one of `anyOf`. */
export function requireAnyScope(payload: JWTPayload, anyOf: string[]): void {
  const granted = scopesOf(payload);
  if (!anyOf.some((scope) => granted.has(scope))) {
    throw new ApiError(
      403,
      `Insufficient scope, expected any of: ${anyOf.join(',')}`,
      'insufficient_scope',
    );
  }
}

/** 403 unless the token has every scope in `allOf` (signing-key rotation needs two). */
export function requireAllScopes(payload: JWTPayload, allOf: string[]): void {
  const granted = scopesOf(payload);
  if (!allOf.every((scope) => granted.has(scope))) {
    throw new ApiError(
      403,
      `Insufficient scope, expected all of: ${allOf.join(',')}`,
      'insufficient_scope',
    );
  }
}
