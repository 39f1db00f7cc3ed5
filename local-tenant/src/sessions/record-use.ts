import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Tenant } from '../tenant';
import { normaliseIp } from './activity';

/** What the sign-in page adds to an interaction's result: how the person signed in. */
export type SignInMethod = 'pwd' | 'passkey' | 'federated';
export type LocalInteractionResult = { localTenant?: { method?: SignInMethod } };

/**
 * Called on every successful authorization: a sign-in just completed (the interaction's result
 * is there) or a session reused without a prompt. Either way it is a use of the session.
 */
export function recordSessionUse(tenant: Tenant, ctx: KoaContextWithOIDC): void {
  const session = ctx.oidc.session;
  if (!session?.accountId) return;
  const now = Date.now();
  const result = ctx.oidc.result as (LocalInteractionResult & { login?: unknown }) | undefined;
  const login = result?.login
    ? {
        method: result.localTenant?.method ?? null,
        at: typeof session.loginTs === 'number' ? session.loginTs * 1000 : now,
      }
    : undefined;
  tenant.sessionActivity.record(session.uid, {
    userId: session.accountId,
    userAgent: ctx.get('user-agent') || null,
    ip: normaliseIp(ctx.ip),
    at: now,
    ...(login ? { login } : {}),
  });
}
