import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { type JWTPayload, errors as joseErrors, jwtVerify } from 'jose';
import type { Context } from 'koa';
import { providerKeys } from '../keys/signing-keys';
import type { Tenant } from '../tenant';

export type BearerFailure = 'missing' | 'invalid' | 'expired';

/** Why a Bearer token was refused; each API turns it into its own error body. */
export class BearerError extends Error {
  constructor(readonly reason: BearerFailure) {
    super(reason);
  }
}

/**
 * Verifies the request's Bearer token: an RS256 JWT signed by one of the tenant's non-revoked
 * keys (so revoking a key invalidates its tokens at once), with the tenant's issuer, the given
 * audience, and unexpired. Shared by the Management API and the My Account API, which differ
 * only in audience and in how they report failures.
 */
export async function verifyBearer(
  ctx: Context,
  tenant: Tenant,
  audience: string,
): Promise<JWTPayload> {
  const [scheme, token] = (ctx.get('authorization') || '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new BearerError('missing');
  const keys = new Map<string, JsonWebKey>(
    providerKeys(tenant.db).map((jwk) => [String(jwk.kid), jwk]),
  );
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const jwk = header.kid ? keys.get(header.kid) : undefined;
        if (!jwk) throw new BearerError('invalid');
        // Public half only: jose must never see the private parameters for verification.
        return createPublicKey({ key: jwk, format: 'jwk' });
      },
      { algorithms: ['RS256'], issuer: tenant.urls.issuer, audience },
    );
    return payload;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new BearerError('expired');
    throw new BearerError('invalid');
  }
}

export function scopesOf(payload: JWTPayload): Set<string> {
  return new Set(typeof payload.scope === 'string' ? payload.scope.split(' ') : []);
}
