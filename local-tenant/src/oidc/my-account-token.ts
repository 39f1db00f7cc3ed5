import { createPrivateKey, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { MY_ACCOUNT_TOKEN_TTL } from '../config';
import { providerKeys } from '../keys/signing-keys';
import type { Tenant } from '../tenant';

export interface MyAccountTokenInput {
  sub: string;
  clientId: string;
  scopes: readonly string[];
}

/**
 * A My Account API access token as Auth0 issues one: an RS256 JWT signed by the tenant's current
 * signing key, for the audience `${issuer}me/`, carrying the user (`sub`), the application (`azp`)
 * and the granted `*:me:*` scopes. The /me/ routes verify it like Management API tokens.
 */
export async function mintMyAccountToken(tenant: Tenant, input: MyAccountTokenInput) {
  const [current] = providerKeys(tenant.db);
  if (!current) throw new Error('the tenant has no signing key');
  const key = createPrivateKey({ key: current, format: 'jwk' });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ scope: input.scopes.join(' '), azp: input.clientId })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: String(current.kid) })
    .setIssuer(tenant.urls.issuer)
    .setSubject(input.sub)
    .setAudience(tenant.urls.myAccountAudience)
    .setIssuedAt(now)
    .setExpirationTime(now + MY_ACCOUNT_TOKEN_TTL)
    .setJti(randomBytes(16).toString('base64url'))
    .sign(key);
  return { token, expiresIn: MY_ACCOUNT_TOKEN_TTL };
}
