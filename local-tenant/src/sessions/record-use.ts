import type { KoaContextWithOIDC } from 'oidc-provider';
import { clientIp } from '../http/client-ip';
import {
  clientFields,
  DATABASE_LOGIN,
  GOOGLE_LOGIN,
  recordLog,
  requestOrigin,
} from '../logs/events';
import { getUser } from '../store/users';
import type { Tenant } from '../tenant';

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
    ip: clientIp(ctx),
    at: now,
    ...(login ? { login } : {}),
  });
  if (login) recordSuccessfulLogin(tenant, ctx, session.accountId, session.uid, login.method);
}

/**
 * Auth0's `s`. A passkey sign-in is told apart the documented way: the login prompt's
 * `performed_amr` holds "phr" ("Monitor passkey events in tenant logs").
 */
function recordSuccessfulLogin(
  tenant: Tenant,
  ctx: KoaContextWithOIDC,
  userId: string,
  sessionId: string,
  method: SignInMethod | null,
): void {
  const user = getUser(tenant.db, userId);
  recordLog(tenant.db, {
    type: 's',
    description: 'Successful login',
    ...requestOrigin(ctx),
    user_id: userId,
    ...(user ? { user_name: user.email } : {}),
    ...clientFields(ctx.oidc.client?.clientId),
    ...(method === 'federated' ? GOOGLE_LOGIN : DATABASE_LOGIN),
    details: {
      session_id: sessionId,
      prompts: [
        {
          name: method === 'federated' ? 'federated-authenticate' : 'prompt-authenticate',
          session_id: sessionId,
          requiredCaptcha: false,
          ...(method === 'passkey' ? { performed_amr: ['phr'] } : {}),
        },
      ],
    },
  });
}
