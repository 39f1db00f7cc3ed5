import type { Context, Next } from 'koa';
import { errorBody } from '../management/errors';
import { problemBody } from '../my-account/errors';
import { MY_ACCOUNT_FACTORS_PATH, MY_ACCOUNT_METHODS_PATH } from '../my-account/routes';
import { prepareTokenRequest } from '../oidc/token-request';
import type { Tenant } from '../tenant';
import type { Fault } from '../test-controls';
import { BodyError, receiveBody } from './body';
import { resolveClientIp } from './client-ip';
import { captureRawResponse, markInjected, recordExchange } from './record';
import { Router } from './router';

/** Paths oidc-provider serves, as templates for /_local/stats and /_local/faults. */
const providerRoutes = new Router();
for (const [method, template] of [
  ['GET', '/authorize'],
  ['POST', '/authorize'],
  ['GET', '/authorize/:uid'],
  ['POST', '/oauth/token'],
  ['POST', '/oauth/revoke'],
  ['GET', '/.well-known/openid-configuration'],
  ['GET', '/userinfo'],
  ['POST', '/userinfo'],
] as const) {
  providerRoutes.add(method, template, () => undefined);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rateLimitHeaders(ctx: Context, limit: number, remaining: number, reset: number): void {
  ctx.set('x-ratelimit-limit', String(limit));
  ctx.set('x-ratelimit-remaining', String(remaining));
  ctx.set('x-ratelimit-reset', String(reset));
}

/** Applies an injected fault; returns true when the request has been answered (or dropped). */
async function applyFault(ctx: Context, fault: Fault, own: boolean): Promise<boolean> {
  if (fault.latencyMs) {
    // oidc-provider reads its own bodies; ours are read before the wait (see receiveBody).
    if (own) await receiveBody(ctx);
    await sleep(fault.latencyMs);
  }
  if (fault.reset) {
    ctx.respond = false;
    ctx.req.socket.destroy();
    return true;
  }
  if (!fault.status) return false;
  ctx.status = fault.status;
  // The test's answer, not the tenant's: the schema check leaves it out (record.ts).
  markInjected(ctx);
  if (ctx.path.startsWith('/me/')) {
    if (fault.status === 429) {
      rateLimitHeaders(ctx, 0, 0, Math.ceil(Date.now() / 1000) + 1);
      ctx.set('retry-after', '1');
      ctx.body = problemBody(429, 'Too many requests.');
    } else {
      ctx.body = problemBody(fault.status, 'Injected fault', { type: 'injected_fault' });
    }
  } else if (ctx.path.startsWith('/api/v2/')) {
    if (fault.status === 429) {
      rateLimitHeaders(ctx, 0, 0, Math.ceil(Date.now() / 1000) + 1);
      ctx.body = errorBody(429, 'Global limit has been reached', 'too_many_requests');
    } else {
      ctx.body = errorBody(fault.status, 'Injected fault', 'injected_fault');
    }
  } else {
    ctx.body = { error: 'server_error', error_description: 'Injected fault' };
  }
  return true;
}

/** Whether the request may proceed under the Management API rate limit. */
function checkRateLimit(ctx: Context, tenant: Tenant): boolean {
  const decision = tenant.rateLimiter.take();
  if (!decision) return true;
  rateLimitHeaders(ctx, decision.limit, decision.remaining, decision.reset);
  if (decision.allowed) return true;
  ctx.status = 429;
  ctx.body = errorBody(429, 'Global limit has been reached', 'too_many_requests');
  return false;
}

/**
 * /me/ is the My Account API's, never oidc-provider's. Its other documented calls (GET and
 * DELETE one method, the factors) exist at Auth0 but not here: say so rather than 404, so nobody
 * mistakes "not implemented" for "no such method".
 */
function notMyAccountRoute(ctx: Context, path: string): void {
  const known =
    path === MY_ACCOUNT_METHODS_PATH ||
    path.startsWith(`${MY_ACCOUNT_METHODS_PATH}/`) ||
    path === MY_ACCOUNT_FACTORS_PATH;
  ctx.status = known ? 501 : 404;
  ctx.body = known
    ? problemBody(501, `The local tenant does not implement ${ctx.method} ${path}.`)
    : problemBody(404, 'Not Found');
}

/** The tenant's single Koa middleware: controls, stats, faults, rate limit, then dispatch. */
export function pipeline(
  tenant: Tenant,
  router: Router,
  controlsRouter: Router,
  localRouter: Router = new Router(),
) {
  const handle = route(tenant, router, controlsRouter, localRouter);
  return async (ctx: Context, _next: Next): Promise<void> => {
    // As sent: /oauth/token rewrites a JSON body into a form for oidc-provider on its way.
    const requestType = ctx.request.type || null;
    try {
      await handle(ctx);
    } catch (error) {
      // Unparseable bodies are the client's fault; anything else is ours (Koa logs it).
      if (!(error instanceof BodyError)) throw error;
      ctx.status = 400;
      ctx.body = ctx.path.startsWith('/api/v2/')
        ? errorBody(400, error.message, 'invalid_body')
        : ctx.path.startsWith('/me/')
          ? problemBody(400, error.message)
          : { error: 'invalid_request', error_description: error.message };
    }
    await recordExchange(ctx, requestType);
  };
}

/** `localRouter`: /_local/ pages served in every mode (the inbox); the rest are test mode's. */
function route(tenant: Tenant, router: Router, controlsRouter: Router, localRouter: Router) {
  return async (ctx: Context): Promise<void> => {
    const { method, path } = ctx;
    resolveClientIp(tenant, ctx);
    if (path === '/_local/health') {
      ctx.body = { ok: true };
      return;
    }
    if (path.startsWith('/_local/')) {
      const control =
        localRouter.match(method, path) ??
        (tenant.config.testMode ? controlsRouter.match(method, path) : undefined);
      if (!control) {
        ctx.status = 404;
        ctx.body = { error: 'not_found' };
        return;
      }
      await control.handler(ctx, control.params);
      return;
    }

    const own = router.match(method, path);
    const template = own?.template ?? providerRoutes.match(method, path)?.template;
    if (template) {
      const routeKey = `${method} ${template}`;
      tenant.controls.count(routeKey);
      const fault = tenant.config.testMode ? tenant.controls.faultFor(routeKey) : undefined;
      if (fault && (await applyFault(ctx, fault, own !== undefined))) return;
    }

    if (path.startsWith('/api/v2/')) {
      if (!checkRateLimit(ctx, tenant)) return;
      if (!own) {
        ctx.status = 404;
        ctx.body = errorBody(404, 'Not Found', 'not_found');
        return;
      }
    }
    if (path.startsWith('/me/') && !own) {
      notMyAccountRoute(ctx, path);
      return;
    }
    if (own) {
      await own.handler(ctx, own.params);
      return;
    }
    if (method === 'POST' && path === '/oauth/token' && !(await prepareTokenRequest(ctx, tenant))) {
      return;
    }
    // Everything else is OpenID Connect: hand the raw request to oidc-provider.
    ctx.respond = false;
    captureRawResponse(ctx);
    await tenant.providers.handle(ctx.req, ctx.res);
  };
}
