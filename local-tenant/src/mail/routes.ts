import type { Context } from 'koa';
import { readBody } from '../http/body';
import { allowLoopbackOnly } from '../http/loopback';
import type { Router } from '../http/router';
import { newNonce, setPageSecurityHeaders } from '../login/layout';
import type { Tenant } from '../tenant';
import { clearInbox, listMessages } from './inbox';
import { inboxPage } from './inbox-page';

/**
 * The inbox, served in every mode: in local development it is where mail goes to be read. Only to
 * callers on this machine (../http/loopback.ts): it holds live password-reset links.
 */
export function registerInboxRoutes(router: Router, tenant: Tenant): void {
  router.add('GET', '/_local/inbox', (ctx: Context) => {
    if (!allowLoopbackOnly(ctx)) return;
    const nonce = newNonce();
    setPageSecurityHeaders(ctx, nonce, []);
    ctx.type = 'html';
    ctx.body = inboxPage(nonce, listMessages(tenant.db), tenant.smtp?.port ?? 0);
  });
  // `?to=alice@example.com` keeps one recipient's mail.
  router.add('GET', '/_local/inbox.json', (ctx: Context) => {
    if (!allowLoopbackOnly(ctx)) return;
    ctx.set('cache-control', 'no-store');
    const to = typeof ctx.query.to === 'string' ? ctx.query.to : undefined;
    ctx.body = {
      smtp: { running: tenant.smtp?.running ?? false },
      messages: listMessages(tenant.db, to),
    };
  });
}

/** Test mode only: empty the inbox, and take the SMTP server down or up. */
export function registerMailControls(router: Router, tenant: Tenant): void {
  router.add('DELETE', '/_local/inbox', (ctx: Context) => {
    if (!allowLoopbackOnly(ctx)) return;
    clearInbox(tenant.db);
    ctx.status = 204;
  });
  router.add('POST', '/_local/smtp', async (ctx: Context) => {
    const body = await readBody(ctx);
    if (typeof body.running !== 'boolean' || !tenant.smtp) {
      ctx.status = 400;
      ctx.body = { error: 'invalid_request', message: '{ "running": true|false }' };
      return;
    }
    if (body.running) await tenant.smtp.start();
    else await tenant.smtp.stop();
    ctx.body = { running: tenant.smtp.running, port: tenant.smtp.port };
  });
}
