import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'koa';
import type { InteractionResults } from 'oidc-provider';
import { readBody } from '../http/body';
import type { Router } from '../http/router';
import { clientFields, DATABASE_LOGIN, recordLog, requestOrigin } from '../logs/events';
import type { LocalInteractionResult, SignInMethod } from '../sessions/record-use';
import { findUserByEmail, getUser, recordLogin, usersWithProvider } from '../store/users';
import type { Tenant } from '../tenant';
import { newNonce, setPageSecurityHeaders } from './layout';
import { type PageLocale, pageLocale } from './page-locale';
import { PAGE_TEXT } from './page-text';
import { googleChooserPage, loginPage, messagePage } from './pages';
import { PasskeyError, passkeyOptions, verifyPasskey } from './passkey';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { emailThrottleKey, throttleKeys, throttleMessage } from './throttle';

/** As Auth0 logs it (the page says it in the page's language). */
export const WRONG_CREDENTIALS = PAGE_TEXT.en.wrongCredentials;

type Details = Awaited<
  ReturnType<ReturnType<Tenant['providers']['current']>['interactionDetails']>
>;

function formTargets(tenant: Tenant): string[] {
  return tenant.config.appUrls.map((url) => new URL(url).origin);
}

function sendPage(ctx: Context, tenant: Tenant, status: number, render: (nonce: string) => string) {
  const nonce = newNonce();
  setPageSecurityHeaders(ctx, nonce, formTargets(tenant));
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = render(nonce);
}

/** The interaction named in the URL, bound to this browser by oidc-provider's cookie. */
async function interaction(
  ctx: Context,
  tenant: Tenant,
  uid: string,
): Promise<Details | undefined> {
  try {
    const details = await tenant.providers.current().interactionDetails(ctx.req, ctx.res);
    return details.uid === uid ? details : undefined;
  } catch {
    return undefined;
  }
}

async function finish(
  ctx: Context,
  tenant: Tenant,
  accountId: string,
  method: SignInMethod,
): Promise<string> {
  recordLogin(tenant.db, accountId);
  // The method rides along for the session's details (sessions/record-use.ts).
  const result: InteractionResults & LocalInteractionResult = {
    login: { accountId },
    localTenant: { method },
  };
  return tenant.providers
    .current()
    .interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
}

function clientName(details: Details): string | null {
  return details.params.client_id === 'keyward-local-app' ? 'Keyward' : null;
}

/** The page's language: the application's ui_locales, else the browser's (page-locale.ts). */
function localeOf(ctx: Context, details?: Details): PageLocale {
  return pageLocale(ctx, details?.params.ui_locales);
}

/**
 * Auth0's `fp` (wrong password for a known user) or `fu` (no such user): only the first reaches
 * the user's own log, since an unknown email names nobody.
 */
function recordFailedLogin(
  tenant: Tenant,
  ctx: Context,
  details: Details,
  email: string,
  userId: string | undefined,
): void {
  recordLog(tenant.db, {
    type: userId ? 'fp' : 'fu',
    description: WRONG_CREDENTIALS,
    ...requestOrigin(ctx),
    ...(userId ? { user_id: userId } : {}),
    user_name: email,
    ...clientFields(
      typeof details.params.client_id === 'string' ? details.params.client_id : undefined,
    ),
    ...DATABASE_LOGIN,
    details: { error: { message: WRONG_CREDENTIALS } },
  });
}

export function registerLoginRoutes(router: Router, tenant: Tenant): void {
  const expired = (ctx: Context) => {
    const locale = localeOf(ctx);
    const text = PAGE_TEXT[locale];
    sendPage(ctx, tenant, 400, (nonce) =>
      messagePage(nonce, text.expiredTitle, text.expired, { locale }),
    );
  };

  router.add('GET', '/u/login/:uid', async (ctx, { uid = '' }) => {
    const details = await interaction(ctx, tenant, uid);
    if (!details) return expired(ctx);
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : '';
    const locale = localeOf(ctx, details);
    sendPage(ctx, tenant, 200, (nonce) =>
      loginPage({ uid, nonce, clientName: clientName(details), email: hint, locale }),
    );
  });

  router.add('POST', '/u/login/:uid/password', async (ctx, { uid = '' }) => {
    const details = await interaction(ctx, tenant, uid);
    if (!details) return expired(ctx);
    const body = await readBody(ctx);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const keys = throttleKeys(email, ctx.ip);
    const locale = localeOf(ctx, details);
    const text = PAGE_TEXT[locale];
    const render = (status: number, error: string) =>
      sendPage(ctx, tenant, status, (nonce) =>
        loginPage({ uid, nonce, clientName: clientName(details), email, error, locale }),
      );
    const blocked = tenant.throttle.check(keys);
    if (blocked.blocked) return render(429, throttleMessage(blocked.retryAfterMs, locale));
    const user = email ? findUserByEmail(tenant.db, email) : undefined;
    // Compare against a decoy when there is no password so every failure costs the same.
    const ok = await verifyPassword(password, user?.password_hash ?? (await decoyPasswordHash()));
    if (!user?.password_hash || !ok) {
      // The 5th failure still says "wrong"; the attempts after it are refused with a 429.
      tenant.throttle.recordFailure(keys);
      recordFailedLogin(tenant, ctx, details, email, user?.user_id);
      return render(400, text.wrongCredentials);
    }
    tenant.throttle.clear(emailThrottleKey(email));
    ctx.status = 303;
    ctx.redirect(await finish(ctx, tenant, user.user_id, 'pwd'));
  });

  router.add('POST', '/u/login/:uid/passkey/options', async (ctx, { uid = '' }) => {
    const details = await interaction(ctx, tenant, uid);
    if (!details) {
      ctx.status = 400;
      ctx.body = { message: PAGE_TEXT[localeOf(ctx)].expired };
      return;
    }
    ctx.set('cache-control', 'no-store');
    ctx.body = await passkeyOptions(tenant.challenges, uid, tenant.config.rpId);
  });

  router.add('POST', '/u/login/:uid/passkey/verify', async (ctx, { uid = '' }) => {
    ctx.set('cache-control', 'no-store');
    const details = await interaction(ctx, tenant, uid);
    if (!details) {
      ctx.status = 400;
      ctx.body = { message: PAGE_TEXT[localeOf(ctx)].expired };
      return;
    }
    const response = (await readBody(ctx)) as unknown as AuthenticationResponseJSON;
    try {
      const method = await verifyPasskey({
        db: tenant.db,
        challenges: tenant.challenges,
        interactionUid: uid,
        response,
        expectedOrigin: tenant.urls.origin,
        rpId: tenant.config.rpId,
      });
      ctx.body = { redirectTo: await finish(ctx, tenant, method.user_id, 'passkey') };
    } catch (error) {
      if (!(error instanceof PasskeyError)) throw error;
      ctx.status = 400;
      ctx.body = { message: PAGE_TEXT[localeOf(ctx)].passkeyErrors[error.reason] };
    }
  });

  router.add('GET', '/u/login/:uid/google', async (ctx, { uid = '' }) => {
    const details = await interaction(ctx, tenant, uid);
    if (!details) return expired(ctx);
    const users = usersWithProvider(tenant.db, 'google-oauth2');
    const locale = localeOf(ctx, details);
    sendPage(ctx, tenant, 200, (nonce) => googleChooserPage({ uid, nonce, users, locale }));
  });

  router.add('POST', '/u/login/:uid/google', async (ctx, { uid = '' }) => {
    const details = await interaction(ctx, tenant, uid);
    if (!details) return expired(ctx);
    const body = await readBody(ctx);
    const user = typeof body.user_id === 'string' ? getUser(tenant.db, body.user_id) : undefined;
    if (!user?.identities.some((i) => i.provider === 'google-oauth2')) {
      const users = usersWithProvider(tenant.db, 'google-oauth2');
      const locale = localeOf(ctx, details);
      return sendPage(ctx, tenant, 400, (nonce) =>
        googleChooserPage({ uid, nonce, users, locale }),
      );
    }
    ctx.status = 303;
    ctx.redirect(await finish(ctx, tenant, user.user_id, 'federated'));
  });
}
