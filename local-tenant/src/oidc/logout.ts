import { decodeJwt } from 'jose';
import type { Context } from 'koa';
import { APP_CLIENT_ID } from '../config';
import { readBody } from '../http/body';
import type { Router } from '../http/router';
import { newNonce, setPageSecurityHeaders } from '../login/layout';
import { messagePage } from '../login/pages';
import { recordLog, requestOrigin } from '../logs/events';
import { sendBackchannelLogout } from '../sessions/backchannel';
import type { Tenant } from '../tenant';

function allowedLogoutUrls(tenant: Tenant, clientId: string | undefined): string[] | undefined {
  if (clientId === undefined) return tenant.config.appUrls;
  return clientId === APP_CLIENT_ID ? tenant.config.appUrls : undefined;
}

/** Compares URLs the way people write them: `http://localhost:3000` equals `.../`. */
function sameUrl(a: string, b: string): boolean {
  const parsedA = URL.parse(a);
  const parsedB = URL.parse(b);
  return !!parsedA && !!parsedB && parsedA.href === parsedB.href;
}

/**
 * Ends the browser's session: the session record and its cookies, and tells the applications it
 * covered (OIDC back-channel logout), as Auth0 does. Grants are left alone.
 */
async function endSession(ctx: Context, tenant: Tenant): Promise<void> {
  const provider = tenant.providers.current();
  const session = await provider.Session.get(ctx as never);
  const exists = !(session as { new?: boolean }).new;
  if (exists) {
    await session.destroy();
    tenant.sessionActivity.forget(session.uid);
    if (session.accountId) {
      recordLog(tenant.db, {
        type: 'slo',
        description: 'User successfully logged out',
        ...requestOrigin(ctx),
        user_id: session.accountId,
        details: { session_id: session.uid },
      });
      await sendBackchannelLogout(tenant, {
        id: session.uid,
        userId: session.accountId,
        clientIds: Object.keys(session.authorizations ?? {}),
      });
    }
  }
  // oidc-provider's own context (its signed cookie jar) and its name for the session cookie;
  // `cookieName` is a public method its v8 type definitions leave out.
  const providerCtx = provider.app.createContext(ctx.req, ctx.res);
  const named = provider as unknown as { cookieName(type: 'session'): string };
  providerCtx.cookies.set(named.cookieName('session'), null, { httpOnly: true, sameSite: 'lax' });
}

// Auth0's Authentication API spec documents one answer for both logout endpoints: 302, "to
// returnTo URL or Auth0 logout confirmation page". So the tenant's own pages (signed out, or why
// not) are reached by a redirect, never answered in place. A refusal still ends no session.
const SIGNED_OUT_PAGE = '/logout/done';
const REFUSED_PAGE = '/logout/refused';
const REFUSALS = {
  hint: 'invalid_request: could not decode id_token_hint',
  client: 'invalid_request: client_id does not match the id_token_hint',
  post_logout_redirect_uri: 'invalid_request: post_logout_redirect_uri not registered',
  returnTo:
    'invalid_request: The "returnTo" querystring parameter is not defined as a valid URL in "Allowed Logout URLs".',
} as const;
type Refusal = keyof typeof REFUSALS;

function fail(ctx: Context, reason: Refusal): void {
  ctx.redirect(`${REFUSED_PAGE}?reason=${reason}`);
}

function page(ctx: Context, status: number, title: string, message: string): void {
  const nonce = newNonce();
  setPageSecurityHeaders(ctx, nonce, []);
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = messagePage(nonce, title, message);
}

/**
 * Auth0 signs out at once and redirects: no confirmation form (oidc-provider would show one).
 * `/oidc/logout` is OIDC RP-initiated logout; `/v2/logout` is Auth0's legacy endpoint.
 */
export function registerLogoutRoutes(router: Router, tenant: Tenant): void {
  const oidcLogout = async (ctx: Context) => {
    const params: Record<string, unknown> =
      ctx.method === 'POST' ? await readBody(ctx) : { ...ctx.query };
    const text = (key: string) => (typeof params[key] === 'string' ? params[key] : undefined);
    let clientId = text('client_id');
    const hint = text('id_token_hint');
    if (hint) {
      let aud: unknown;
      try {
        aud = decodeJwt(hint).aud;
      } catch {
        return fail(ctx, 'hint');
      }
      const hinted = Array.isArray(aud) ? aud[0] : aud;
      if (clientId && hinted !== clientId) {
        return fail(ctx, 'client');
      }
      clientId = typeof hinted === 'string' ? hinted : clientId;
    }
    const redirect = text('post_logout_redirect_uri');
    if (redirect !== undefined) {
      const allowed = clientId ? allowedLogoutUrls(tenant, clientId) : undefined;
      if (!allowed?.some((url) => sameUrl(url, redirect))) {
        return fail(ctx, 'post_logout_redirect_uri');
      }
    }
    await endSession(ctx, tenant);
    if (!redirect) return ctx.redirect(SIGNED_OUT_PAGE);
    const target = new URL(redirect);
    const state = text('state');
    if (state !== undefined) target.searchParams.set('state', state);
    ctx.redirect(target.href);
  };
  router.add('GET', '/oidc/logout', oidcLogout);
  router.add('POST', '/oidc/logout', oidcLogout);

  router.add('GET', '/v2/logout', async (ctx) => {
    const clientId = typeof ctx.query.client_id === 'string' ? ctx.query.client_id : undefined;
    const returnTo = typeof ctx.query.returnTo === 'string' ? ctx.query.returnTo : undefined;
    if (returnTo !== undefined) {
      const allowed = allowedLogoutUrls(tenant, clientId) ?? [];
      if (!allowed.some((url) => sameUrl(url, returnTo))) {
        return fail(ctx, 'returnTo');
      }
    }
    await endSession(ctx, tenant);
    if (!returnTo) return ctx.redirect(SIGNED_OUT_PAGE);
    ctx.redirect(returnTo);
  });

  router.add('GET', SIGNED_OUT_PAGE, (ctx) =>
    page(ctx, 200, 'Signed out', 'You have signed out. You can close this window.'),
  );
  router.add('GET', REFUSED_PAGE, (ctx) => {
    const reason = String(ctx.query.reason);
    const message = Object.hasOwn(REFUSALS, reason)
      ? REFUSALS[reason as Refusal]
      : 'invalid_request';
    page(ctx, 400, 'Sign-out failed', message);
  });
}
