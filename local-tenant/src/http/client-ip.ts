import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Context } from 'koa';
import { normaliseIp } from '../sessions/activity';
import type { Tenant } from '../tenant';

// The address Auth0 logs and keeps for a session is the one that connected to it. A custom domain
// with self-managed certificates sits behind the customer's proxy, so for requests on that domain
// Auth0 reads the client's address from the header its `custom_client_ip_header` names
// (true-client-ip, cf-connecting-ip, x-forwarded-for, x-azure-clientip); on the canonical domain,
// and without the setting, a forwarded header is the sender's own text and is ignored.
// UNCONFIRMED: which X-Forwarded-For entry Auth0 takes; here the last, the one the proxy wrote.

const resolved = new WeakMap<IncomingMessage, string | null>();

function fromHeader(value: string | undefined, name: string): string | null {
  if (!value) return null;
  const entries = value.split(',').map((e) => e.trim());
  const candidate = name === 'x-forwarded-for' ? entries.at(-1) : entries[0];
  const ip = normaliseIp(candidate);
  return ip && isIP(ip) !== 0 ? ip : null;
}

/** Decides the request's client address once, for every handler (oidc-provider's too). */
export function resolveClientIp(tenant: Tenant, ctx: Context): void {
  const domain = tenant.settings.customDomains.find(
    (d) => d.domain === ctx.hostname && d.status === 'ready',
  );
  const header = domain?.custom_client_ip_header;
  const forwarded = header ? fromHeader(ctx.get(header) || undefined, header) : null;
  resolved.set(ctx.req, forwarded ?? normaliseIp(ctx.ip));
}

/** The client's address as Auth0 would record it (see above). */
export function clientIp(ctx: { req: IncomingMessage; ip: string }): string | null {
  return resolved.has(ctx.req) ? (resolved.get(ctx.req) ?? null) : normaliseIp(ctx.ip);
}
