import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { resolveConfig, type TenantConfig, tenantUrls } from './config';
import { isSeeded, openDatabase } from './db';
import { pipeline } from './http/pipeline';
import { Router } from './http/router';
import { publicJwks } from './keys/signing-keys';
import { ChallengeStore } from './login/challenges';
import { registerResetRoutes } from './login/reset-routes';
import { ResetThrottle } from './login/reset-throttle';
import { registerLoginRoutes } from './login/routes';
import { LoginThrottle } from './login/throttle';
import { registerLogRoutes } from './logs/routes';
import { registerInboxRoutes, registerMailControls } from './mail/routes';
import { LocalSmtp } from './mail/smtp';
import { registerConfigRoutes } from './management/config-routes';
import { registerKeyRoutes } from './management/keys-routes';
import { registerMethodRoutes } from './management/methods-routes';
import { RateLimiter } from './management/rate-limit';
import { registerSessionRoutes } from './management/sessions-routes';
import { registerTicketRoutes } from './management/tickets-routes';
import { registerUserRoutes } from './management/users-routes';
import { EnrollmentStore } from './my-account/enrollments';
import { UserReadLimiter } from './my-account/read-limit';
import { registerMyAccountRoutes } from './my-account/routes';
import { OidcStore } from './oidc/adapter';
import { registerLogoutRoutes } from './oidc/logout';
import { ProviderHost } from './oidc/provider-host';
import { seedDatabase } from './seed';
import { SessionActivityLog } from './sessions/activity';
import { seedSessions } from './sessions/sessions';
import { defaultSettings } from './store/tenant-settings';
import type { Tenant } from './tenant';
import { registerTestControls, TestControls } from './test-controls';

export type { TenantConfig } from './config';

export interface RunningTenant {
  url: string;
  port: number;
  /** The local inbox's SMTP port, null without one. */
  smtpPort: number | null;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startTenant(options: Partial<TenantConfig> = {}): Promise<RunningTenant> {
  const config = resolveConfig(options);
  const db = openDatabase(config.dbPath);
  // A new database, or one seeded by an older version of the demo data: (re)seed users and
  // methods; existing signing keys are kept.
  if (!isSeeded(db)) await seedDatabase(db);

  const app = new Koa();
  // Koa composes its middleware when callback() is called, which must wait until the routes
  // exist; the routes need the bound port. So the servers dispatch through this late binding.
  let handle: ReturnType<typeof app.callback> | undefined;
  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    if (handle) void handle(req, res);
    else res.writeHead(503).end();
  };
  const servers = [createServer(dispatch)];
  const [primary] = servers as [Server];
  await listen(primary, config.port, 'localhost');
  const { port, family } = primary.address() as AddressInfo;
  // `localhost` resolves to one loopback family; serve the other too so http://localhost works
  // whichever address a client tries first.
  const other = createServer(dispatch);
  if (family === 'IPv6') {
    // 127.0.0.1 is also the canonical (Management API) domain, so it must be served.
    try {
      await listen(other, port, '127.0.0.1');
    } catch (error) {
      await closeServer(primary);
      throw error;
    }
    servers.push(other);
  } else {
    try {
      await listen(other, port, '::1');
      servers.push(other);
    } catch {
      // No IPv6 here: 127.0.0.1 already serves both names.
    }
  }

  const urls = tenantUrls(port);
  const tenant: Tenant = {
    config,
    urls,
    db,
    oidcStore: new OidcStore(),
    cookieKeys: [randomBytes(32).toString('base64url')],
    providers: new ProviderHost(() => tenant),
    sessionActivity: new SessionActivityLog(),
    throttle: new LoginThrottle(),
    resetThrottle: new ResetThrottle(),
    challenges: new ChallengeStore(),
    rateLimiter: new RateLimiter({ perSecond: config.rateLimitPerSecond, burst: config.rateBurst }),
    enrollments: new EnrollmentStore(),
    myAccountReads: new UserReadLimiter(config.myAccountReadsPerMinute),
    controls: new TestControls(),
    settings: defaultSettings(config, urls),
    smtp: null,
    log: (message) => {
      if (!config.quiet) console.error(`[local-tenant] ${message}`);
    },
  };

  const router = new Router();
  router.add('GET', '/.well-known/jwks.json', (ctx) => {
    ctx.body = publicJwks(db);
  });
  // Browsers ask for it on every page; answer quietly instead of with oidc-provider's 404.
  router.add('GET', '/favicon.ico', (ctx) => {
    ctx.status = 204;
  });
  registerLogoutRoutes(router, tenant);
  registerLoginRoutes(router, tenant);
  registerResetRoutes(router, tenant);
  registerUserRoutes(router, tenant);
  registerMethodRoutes(router, tenant);
  registerKeyRoutes(router, tenant);
  registerSessionRoutes(router, tenant);
  registerTicketRoutes(router, tenant);
  registerConfigRoutes(router, tenant);
  registerLogRoutes(router, tenant);
  registerMyAccountRoutes(router, tenant);
  const controlsRouter = new Router();
  registerTestControls(controlsRouter, tenant);
  registerMailControls(controlsRouter, tenant);
  const localRouter = new Router();
  registerInboxRoutes(localRouter, tenant);
  if (config.smtpPort !== null) {
    tenant.smtp = new LocalSmtp(db, config.smtpPort, tenant.log);
    try {
      await tenant.smtp.start();
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      db.close();
      throw error;
    }
  }

  // Sessions live in memory: a started tenant has only the seeded ones.
  await seedSessions(tenant);

  app.on('error', (error: Error) => tenant.log(`request failed: ${error.message}`));
  app.use(pipeline(tenant, router, controlsRouter, localRouter));
  handle = app.callback();

  return {
    url: urls.origin,
    port,
    smtpPort: tenant.smtp?.port ?? null,
    close: async () => {
      await tenant.smtp?.stop();
      await Promise.all(servers.map(closeServer));
      db.close();
    },
  };
}
