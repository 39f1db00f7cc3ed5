import type { Context } from 'koa';
import { readBody } from '../http/body';
import type { Router } from '../http/router';
import { sendTenantMail } from '../mail/send';
import { findUserByEmail } from '../store/users';
import type { Tenant } from '../tenant';
import { newNonce, setPageSecurityHeaders } from './layout';
import { messagePage } from './pages';
import { hashPassword, passwordPolicyError } from './passwords';
import { newPasswordPage, resetMailText, resetRequestPage, resetSentPage } from './reset-pages';
import { createResetTicket, openTicketUser, redeemTicket } from './reset-tickets';

// "Forgot password?" as Universal Login has it. Asking answers the same whatever the address
// (Auth0 does not say whether an account exists), and the mail is sent after the answer, so the
// answer's timing does not tell either. Only database users with a password get a link: a
// passkey-only account does not gain a password this way. Mail is throttled per account and per
// address (./reset-throttle.ts), behind the same answer.

const LINK_SPENT =
  'This link has expired or was already used. Ask for a new one from the sign-in page.';

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
  router.add('GET', '/u/login/:uid/reset-password', (ctx, { uid = '' }) => {
    const base = `/u/login/${encodeURIComponent(uid)}`;
    const email = typeof ctx.query.email === 'string' ? ctx.query.email : '';
    page(ctx, 200, (nonce) => resetRequestPage(nonce, base, email));
  });

  router.add('POST', '/u/login/:uid/reset-password', async (ctx, { uid = '' }) => {
    const base = `/u/login/${encodeURIComponent(uid)}`;
    const body = await readBody(ctx);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
      return page(ctx, 400, (nonce) =>
        resetRequestPage(nonce, base, email, 'Enter a valid email address.'),
      );
    }
    page(ctx, 200, (nonce) => resetSentPage(nonce, base, email));
    // Throttled or not, the answer above is the same (./reset-throttle.ts); only the mail differs.
    if (!tenant.resetThrottle.take(email, ctx.ip)) {
      tenant.log('password reset not mailed: too many requests for this account or address');
      return;
    }
    setImmediate(() => sendResetMail(tenant, email));
  });

  router.add('GET', '/u/reset-password', (ctx) => {
    const ticket = typeof ctx.query.ticket === 'string' ? ctx.query.ticket : '';
    if (!openTicketUser(tenant.db, ticket)) {
      return page(ctx, 400, (nonce) => messagePage(nonce, 'Link expired', LINK_SPENT));
    }
    page(ctx, 200, (nonce) => newPasswordPage(nonce, ticket));
  });

  router.add('POST', '/u/reset-password', async (ctx) => {
    const body = await readBody(ctx);
    const ticket = typeof body.ticket === 'string' ? body.ticket : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const confirm = typeof body.confirm === 'string' ? body.confirm : '';
    if (!openTicketUser(tenant.db, ticket)) {
      return page(ctx, 400, (nonce) => messagePage(nonce, 'Link expired', LINK_SPENT));
    }
    const weak = passwordPolicyError(password);
    const problem = weak ?? (password !== confirm ? 'The passwords do not match.' : null);
    if (problem) return page(ctx, 400, (nonce) => newPasswordPage(nonce, ticket, problem));
    if (!redeemTicket(tenant.db, ticket, await hashPassword(password))) {
      return page(ctx, 400, (nonce) => messagePage(nonce, 'Link expired', LINK_SPENT));
    }
    tenant.throttle.reset();
    page(ctx, 200, (nonce) =>
      messagePageOk(
        nonce,
        'Password changed',
        'Your password has been changed. Sign in with it from the application.',
      ),
    );
  });
}

function messagePageOk(nonce: string, title: string, message: string): string {
  return messagePage(nonce, title, message).replace(
    'role="alert" class="error"',
    'role="status" class="success"',
  );
}
