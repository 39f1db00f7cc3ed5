import type { Context } from 'koa';
import { BearerError, scopesOf, verifyBearer } from '../http/bearer';
import type { Tenant } from '../tenant';
import { MyAccountError } from './errors';

export interface MyAccountToken {
  /** The signed-in user: every /me/ call acts on this user only. */
  sub: string;
  scopes: Set<string>;
}

const DETAILS = {
  missing: 'Missing authentication: send a Bearer access token for the My Account API.',
  invalid: 'Invalid token.',
  expired: 'Expired token.',
} as const;

/**
 * Verifies a My Account API token: signed by a non-revoked tenant key, the tenant's issuer and
 * the audience `${issuer}me/` (so Management API tokens are refused here, and these there).
 */
export async function authenticateMe(ctx: Context, tenant: Tenant): Promise<MyAccountToken> {
  try {
    const payload = await verifyBearer(ctx, tenant, tenant.urls.myAccountAudience);
    if (typeof payload.sub !== 'string' || !payload.sub) throw new BearerError('invalid');
    return { sub: payload.sub, scopes: scopesOf(payload) };
  } catch (error) {
    if (error instanceof BearerError) {
      ctx.set('www-authenticate', 'Bearer error="invalid_token"');
      throw new MyAccountError(401, DETAILS[error.reason]);
    }
    throw error;
  }
}

export function requireMeScope(token: MyAccountToken, scope: string): void {
  if (!token.scopes.has(scope)) {
    throw new MyAccountError(403, `Insufficient scope, expected: ${scope}`, {
      type: 'insufficient_scope',
    });
  }
}
