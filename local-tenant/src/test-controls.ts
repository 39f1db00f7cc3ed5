import type { Context } from 'koa';
import { z } from 'zod';
import { readBody } from './http/body';
import type { Router } from './http/router';
import { clearInbox } from './mail/inbox';
import { seedDatabase } from './seed';
import { seedSessions } from './sessions/sessions';
import { SETTING_BREAK_NAMES, SETTING_BREAKS } from './store/settings-breaks';
import { defaultSettings } from './store/tenant-settings';
import type { Tenant } from './tenant';

export interface Fault {
  route: string;
  status?: number;
  latencyMs?: number;
  reset?: boolean;
  rate?: number;
  count?: number;
}

const FaultSchema = z.strictObject({
  route: z.string().min(1),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  reset: z.boolean().optional(),
  rate: z.number().min(0).max(1).optional(),
  count: z.number().int().min(1).optional(),
});

const positiveOrNull = z.number().positive().nullable().optional();

/**
 * `{ perSecond?, burst?, myAccountReadsPerMinute? }`: the Management API's tenant-wide bucket
 * (burst defaults to the rate) and the My Account API's per-user read limit; null = off.
 */
const RateLimitSchema = z.strictObject({
  perSecond: positiveOrNull,
  burst: z.number().int().positive().nullable().optional(),
  myAccountReadsPerMinute: positiveOrNull,
});

/** `{ break }`: one setting the doctor checks, undone (store/settings-breaks.ts). */
const ConfigSchema = z.strictObject({ break: z.enum(SETTING_BREAK_NAMES) });

/** Request counters and injected faults, keyed by "METHOD /route/template". */
export class TestControls {
  readonly stats = new Map<string, number>();
  faults: Fault[] = [];

  count(routeKey: string): void {
    this.stats.set(routeKey, (this.stats.get(routeKey) ?? 0) + 1);
  }

  /** The fault to apply to this request, if any (consumes one use of a counted fault). */
  faultFor(routeKey: string): Fault | undefined {
    const path = routeKey.slice(routeKey.indexOf(' ') + 1);
    const fault = this.faults.find((f) => f.route === routeKey || f.route === path);
    if (!fault) return undefined;
    if (fault.rate !== undefined && Math.random() >= fault.rate) return undefined;
    if (fault.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }
}

function badRequest(ctx: Context, message: string): void {
  ctx.status = 400;
  ctx.body = { error: 'invalid_request', message };
}

export function registerTestControls(router: Router, tenant: Tenant): void {
  const { controls } = tenant;
  router.add('GET', '/_local/stats', (ctx) => {
    ctx.body = { routes: Object.fromEntries(controls.stats) };
  });
  router.add('DELETE', '/_local/stats', (ctx) => {
    controls.stats.clear();
    ctx.status = 204;
  });
  router.add('POST', '/_local/faults', async (ctx) => {
    const parsed = FaultSchema.safeParse(await readBody(ctx));
    if (!parsed.success) return badRequest(ctx, parsed.error.issues[0]?.message ?? 'invalid');
    controls.faults.push(parsed.data);
    ctx.status = 201;
    ctx.body = { faults: controls.faults };
  });
  router.add('GET', '/_local/faults', (ctx) => {
    ctx.body = { faults: controls.faults };
  });
  router.add('DELETE', '/_local/faults', (ctx) => {
    controls.faults = [];
    ctx.status = 204;
  });
  router.add('POST', '/_local/reset', async (ctx) => {
    const body = await readBody(ctx);
    await seedDatabase(tenant.db, {
      keys: body.keys === true,
      keyCommonName: new URL(tenant.urls.origin).hostname,
    });
    tenant.throttle.reset();
    tenant.resetThrottle.reset();
    tenant.challenges.reset();
    tenant.enrollments.reset();
    // Usage is forgotten; the configured limits stay (like the Management API's).
    tenant.myAccountReads.reset();
    tenant.settings = defaultSettings(tenant.config, tenant.urls);
    // Sessions are seed data too: every sign-in since is forgotten (no application is told).
    await seedSessions(tenant);
    // Mail and reset links belong to the state being reset.
    clearInbox(tenant.db);
    tenant.db.prepare('DELETE FROM password_resets').run();
    ctx.body = { ok: true, keys: body.keys === true };
  });
  router.add('GET', '/_local/config', (ctx) => {
    ctx.body = tenant.settings;
  });
  router.add('POST', '/_local/config', async (ctx) => {
    const parsed = ConfigSchema.safeParse(await readBody(ctx));
    if (!parsed.success) return badRequest(ctx, parsed.error.issues[0]?.message ?? 'invalid');
    SETTING_BREAKS[parsed.data.break](tenant.settings, tenant.urls);
    ctx.body = { broken: parsed.data.break };
  });
  router.add('DELETE', '/_local/config', (ctx) => {
    tenant.settings = defaultSettings(tenant.config, tenant.urls);
    ctx.status = 204;
  });
  router.add('POST', '/_local/rate-limit', async (ctx) => {
    const parsed = RateLimitSchema.safeParse(await readBody(ctx));
    if (!parsed.success) return badRequest(ctx, parsed.error.issues[0]?.message ?? 'invalid');
    const { perSecond, burst, myAccountReadsPerMinute } = parsed.data;
    // Only the fields sent change; `{ perSecond: null }` turns the Management API limit off.
    if (perSecond !== undefined || burst !== undefined) {
      tenant.rateLimiter.set({
        perSecond: perSecond === undefined ? tenant.rateLimiter.perSecond : perSecond,
        burst: burst === undefined ? null : burst,
      });
    }
    if (myAccountReadsPerMinute !== undefined) {
      tenant.myAccountReads.set(myAccountReadsPerMinute);
    }
    ctx.body = rateLimitState(tenant);
  });
  router.add('GET', '/_local/rate-limit', (ctx) => {
    ctx.body = rateLimitState(tenant);
  });
}

function rateLimitState(tenant: Tenant) {
  return {
    perSecond: tenant.rateLimiter.perSecond,
    burst: tenant.rateLimiter.burst,
    myAccountReadsPerMinute: tenant.myAccountReads.perMinute,
  };
}
