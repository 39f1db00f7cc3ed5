import { stringify } from 'node:querystring';
import type { Context } from 'koa';
import { M2M_CLIENT_ID } from '../config';
import { readBody } from '../http/body';
import { grantedScopes } from '../store/tenant-settings';
import type { Tenant } from '../tenant';
import { checkRefreshRequest } from './mrrt';

function deny(ctx: Context, description: string): void {
  ctx.status = 403;
  ctx.body = { error: 'access_denied', error_description: description };
}

function clientIdOf(ctx: Context, body: Record<string, unknown>): string | undefined {
  if (typeof body.client_id === 'string') return body.client_id;
  const [scheme, value] = (ctx.get('authorization') || '').split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !value) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decodeURIComponent(decoded.slice(0, decoded.indexOf(':')));
}

/**
 * Translates Auth0's token request dialect for oidc-provider before it sees the request:
 * JSON bodies become form bodies; for client credentials Auth0's `audience` becomes the RFC 8707
 * `resource`, with Auth0's client-grant checks and "all granted scopes" default; a refresh
 * naming an `audience` is a Multi-Resource Refresh Token exchange (see ./mrrt.ts).
 * Returns false when it has already answered.
 */
export async function prepareTokenRequest(ctx: Context, tenant: Tenant): Promise<boolean> {
  const body = await readBody(ctx);
  if (body.grant_type === 'refresh_token') {
    const denial = checkRefreshRequest(ctx.req, tenant, clientIdOf(ctx, body), body);
    if (denial) {
      deny(ctx, denial.error_description);
      return false;
    }
  }
  if (body.grant_type === 'client_credentials' && clientIdOf(ctx, body) === M2M_CLIENT_ID) {
    const audience = body.audience ?? body.resource;
    if (audience === undefined) {
      deny(ctx, 'No audience parameter was provided, and no default audience has been configured');
      return false;
    }
    if (audience !== tenant.urls.managementAudience) {
      deny(ctx, `Service not enabled within domain: ${String(audience)}`);
      return false;
    }
    const requested = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [];
    // The client grant as the Management API shows it now (the doctor's --fix can change it).
    const granted = new Set(grantedScopes(tenant.settings, M2M_CLIENT_ID, String(audience)));
    const missing = requested.filter((scope) => !granted.has(scope));
    if (missing.length) {
      deny(ctx, `Client has not been granted scopes: ${missing.join(', ')}`);
      return false;
    }
    body.scope = (requested.length ? requested : [...granted]).join(' ');
    body.resource = audience;
    delete body.audience;
  }
  // oidc-provider reads an already-consumed body from req.body; it parses it as a form.
  const flat = Object.fromEntries(
    Object.entries(body).filter(([, v]) => typeof v === 'string' || Array.isArray(v)),
  ) as Record<string, string | string[]>;
  const encoded = stringify(flat);
  ctx.req.headers['content-type'] = 'application/x-www-form-urlencoded';
  ctx.req.headers['content-length'] = String(Buffer.byteLength(encoded));
  (ctx.req as typeof ctx.req & { body?: unknown }).body = flat;
  return true;
}
