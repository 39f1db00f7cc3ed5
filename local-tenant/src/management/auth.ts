import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { Context } from 'koa';
import { providerKeys } from '../keys/signing-keys';
import type { Tenant } from '../tenant';
import { ApiError } from './errors';

const unauthorized = (message: string) => new ApiError(401, message, 'invalid_token');

/**
 * Verifies the Bearer token: RS256 signature by one of the tenant's non-revoked keys (so revoking
 * a key invalidates its tokens at once), issuer, Management API audience and expiry.
 */
export async function authenticate(ctx: Context, tenant: Tenant): Promise<JWTPayload> {
  const [scheme, token] = (ctx.get('authorization') || '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) {
    throw unauthorized('Missing authentication');
  }
  const keys = new Map<string, JsonWebKey>(
    providerKeys(tenant.db).map((jwk) => [String(jwk.kid), jwk]),
  );
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const jwk = header.kid ? keys.get(header.kid) : undefined;
        if (!jwk) throw unauthorized('Invalid token');
        // Public half only: jose must never see the private parameters for verification.
        return createPublicKey({ key: jwk, format: 'jwk' });
      },
      {
        algorithms: ['RS256'],
        issuer: tenant.urls.issuer,
        audience: tenant.urls.managementAudience,
      },
    );
    return payload;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw unauthorized('Expired token received for JSON Web Token validation');
    }
    throw unauthorized('Invalid token');
  }
}

export function scopesOf(payload: JWTPayload): Set<string> {
  return new Set(typeof payload.scope === 'string' ? payload.scope.split(' ') : []);
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
