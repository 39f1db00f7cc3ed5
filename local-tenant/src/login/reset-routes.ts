import type { Context } from 'koa';
import { APP_CLIENT_ID } from '../config';
import { readBody } from '../http/body';
import type { Router } from '../http/router';
import { sendTenantMail } from '../mail/send';
import { endUserSessions } from '../sessions/sessions';
import { findUserByEmail } from '../store/users';
import type { Tenant } from '../tenant';
import { newNonce, setPageSecurityHeaders } from './layout';
import { type PageLocale, pageLocale } from './page-locale';
import { PAGE_TEXT } from './page-text';
import { messagePage } from './pages';
import { hashPassword, passwordPolicyError } from './passwords';
import { newPasswordPage, resetMailText, resetRequestPage, resetSentPage } from './reset-pages';
import { createResetTicket, openTicketUser, redeemTicket, ticketResultUrl } from './reset-tickets';

// "Forgot password?" as Universal Login has it. Asking answers the same whatever the address
// (Auth0 does not say whether an account exists), and the mail is sent after the answer, so the
// answer's timing does not tell either. Only database users with a password get a link: a
// passkey-only account does not gain a password this way. Mail is throttled per account and per
// address (./reset-throttle.ts), behind the same answer.

function page(ctx: Context, status: number, render: (nonce: string) => string): void {
  const nonce = newNonce();
  setPageSecurityHeaders(ctx, nonce, []);
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = render(nonce);
}

function sendResetMail(tenant: Tenant, email: string): void {
  const user = findUserByEmail(tenant.db, email);
  const port = tenant.smtp?.port;
  if (!user?.password_hash || port === undefined) return;
  const ticket = createResetTicket(tenant.db, user.user_id, tenant.config.resetTtlSeconds);
  const link = `${tenant.urls.origin}/u/reset-password?ticket=${ticket}`;
  sendTenantMail(port, {
    to: user.email,
    subject: 'Reset your password',
    ...resetMailText(link, tenant.config.resetTtlSeconds),
  }).catch((error: Error) => tenant.log(`reset mail not sent: ${error.message}`));
}

export function registerResetRoutes(router: Router, tenant: Tenant): void {
  // "Password changed" and "Link expired" lead back to the application, where signing in (and
  // asking for a new link) starts.
  const backToApp = (locale: PageLocale) => ({
    href: tenant.config.appUrls[0] ?? '/',
    label: PAGE_TEXT[locale].backTo('Keyward'),
  });
  const linkExpired = (ctx: Context, locale: PageLocale) => {
    const text = PAGE_TEXT[locale];
    page(ctx, 400, (nonce) =>
      messagePage(nonce, text.linkExpiredTitle, text.linkExpired, {
        locale,
        link: backToApp(locale),
      }),
    );
  };

  router.add('GET', '/u/login/:uid/reset-password', (ctx, { uid = '' }) => {
    const base = `/u/login/${encodeURIComponent(uid)}`;
    const email = typeof ctx.query.email === 'string' ? ctx.query.email : '';
    const locale = pageLocale(ctx, ctx.query.ui_locales);
    page(ctx, 200, (nonce) => resetRequestPage(nonce, base, email, undefined, locale));
  });

  router.add('POST', '/u/login/:uid/reset-password', async (ctx, { uid = '' }) => {
    const base = `/u/login/${encodeURIComponent(uid)}`;
    const body = await readBody(ctx);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const locale = pageLocale(ctx);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      return page(ctx, 400, (nonce) =>
        resetRequestPage(nonce, base, email, PAGE_TEXT[locale].invalidEmail, locale),
      );
    }
    page(ctx, 200, (nonce) => resetSentPage(nonce, base, email, locale));
    // Throttled or not, the answer above is the same (./reset-throttle.ts); only the mail differs.
    if (!tenant.resetThrottle.take(email, ctx.ip)) {
      tenant.log('password reset not mailed: too many requests for this account or address');
      return;
    }
    setImmediate(() => sendResetMail(tenant, email));
  });

  router.add('GET', '/u/reset-password', (ctx) => {
    const ticket = typeof ctx.query.ticket === 'string' ? ctx.query.ticket : '';
    const locale = pageLocale(ctx);
    if (!openTicketUser(tenant.db, ticket)) return linkExpired(ctx, locale);
    page(ctx, 200, (nonce) => newPasswordPage(nonce, ticket, undefined, locale));
  });

  router.add('POST', '/u/reset-password', async (ctx) => {
    const body = await readBody(ctx);
    const ticket = typeof body.ticket === 'string' ? body.ticket : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const confirm = typeof body.confirm === 'string' ? body.confirm : '';
    const locale = pageLocale(ctx);
    const text = PAGE_TEXT[locale];
    if (!openTicketUser(tenant.db, ticket)) return linkExpired(ctx, locale);
    const weak = passwordPolicyError(password) ? text.passwordTooShort : null;
    const problem = weak ?? (password !== confirm ? text.mismatch : null);
    if (problem) return page(ctx, 400, (nonce) => newPasswordPage(nonce, ticket, problem, locale));
    const userId = redeemTicket(tenant.db, ticket, await hashPassword(password));
    if (!userId) return linkExpired(ctx, locale);
    tenant.throttle.reset();
    // "Resetting a user's password makes their session expire" (Auth0, Change Users' Passwords):
    // every session of the user ends, and applications subscribed to the `password-changed`
    // back-channel logout initiator hear of it before this page answers.
    await endUserSessions(tenant, userId, { notify: passwordChangeNotifies(tenant) });
    const back = ticketResultUrl(tenant.db, ticket);
    page(ctx, 200, (nonce) =>
      messagePage(nonce, text.changedTitle, text.changed, {
        locale,
        link: back ? { href: back, label: text.continue } : backToApp(locale),
        ok: true,
      }),
    );
  });
}

/** Whether Keyward's application subscribed to the `password-changed` initiator (or to all). */
function passwordChangeNotifies(tenant: Tenant): boolean {
  const app = tenant.settings.clients.find((c) => c.client_id === APP_CLIENT_ID);
  const initiators = app?.oidc_logout?.backchannel_logout_initiators;
  if (!initiators) return false;
  return (
    initiators.mode === 'all' ||
    (initiators.selected_initiators ?? []).some((name) => name === 'password-changed')
  );
}
