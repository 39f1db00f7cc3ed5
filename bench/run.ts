// npm run bench [-- --no-build] [-- --quick]: the production build, the local tenant in test
// mode, and one table of what Keyward costs: JS bytes per route, upstream calls per action,
// latency and CPU per request against the direct upstream call, RSS, and Lighthouse on /security
// against `/`. Writes bench/results.json. Timings live here only, never in `npm test`.
// Every timing carries the load average it was taken at, and every timing goal is a ratio to a
// reference measured in the same run. Fixed ports: BENCH_TENANT_PORT, BENCH_APP_PORT,
// BENCH_SMTP_PORT (else free ones).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { keywardShare, routeBytes } from '../e2e/support/bundle-size';
import { startApp, startTenant } from '../e2e/support/processes';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { localM2mToken } from '../reliability/support/truth';
import { freePort } from '../test/local-servers';
import { runLighthouse } from './support/lighthouse';
import { type Load, load, warmUp } from './support/load';
import { processTree } from './support/process-stats';
import { signInAlice } from './support/sign-in';
import { printTable } from './support/table';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOAD_SECONDS = args.has('--quick') ? 3 : 10;

type Routes = Record<string, number>;
const mgmtCalls = (r: Routes) =>
  Object.entries(r)
    .filter(([k]) => k.includes('/api/v2/'))
    .reduce((s, [, n]) => s + n, 0);
const tokenCalls = (r: Routes) => r['POST /oauth/token'] ?? 0;

async function main() {
  if (!args.has('--no-build')) {
    console.log('next build …');
    execFileSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }

  const port = async (name: string) => Number(process.env[name]) || (await freePort());
  const [tenantPort, appPort, smtpPort] = [
    await port('BENCH_TENANT_PORT'),
    await port('BENCH_APP_PORT'),
    await port('BENCH_SMTP_PORT'),
  ];
  const appUrl = `http://localhost:${appPort}`;
  const tenant = await startTenant(tenantPort, [appUrl], smtpPort);
  // The free plan's Management API budget and the per-user route limits (60 reads a minute) would
  // be the bottleneck of every load test with one user; the bench measures Keyward, so it lifts
  // both, as the e2e suite does.
  const app = await startApp(appPort, tenantPort, smtpPort, {
    AUTH0_MGMT_RPS: '1000',
    ROUTE_LIMIT_SCALE: '1000',
  });
  const tenantUrl = `http://localhost:${tenantPort}`;
  const stats = async (): Promise<Routes> =>
    ((await (await fetch(`${tenantUrl}/_local/stats`)).json()) as { routes: Routes }).routes;
  const clearStats = () => fetch(`${tenantUrl}/_local/stats`, { method: 'DELETE' });

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const appPid = processTree(appPort);
    const rssIdle = appPid.rssMb();

    // Sign-in (one Management call: the identities kept with the session).
    await clearStats();
    const { page, cookie } = await signInAlice(browser, appUrl);
    const signIn = await stats();

    const calls: Record<string, { management: number; token: number; detail: Routes }> = {};
    // A view's cost includes what the browser asks for after the page (it waits for the network
    // to settle, so a request the page makes later is counted too).
    const view = async () => {
      await page.goto(`${appUrl}/security`);
      await page.waitForLoadState('networkidle');
    };
    const count = async (name: string, action: () => Promise<unknown>) => {
      await clearStats();
      await action();
      const r = await stats();
      calls[name] = { management: mgmtCalls(r), token: tokenCalls(r), detail: r };
    };
    calls['sign-in'] = { management: mgmtCalls(signIn), token: tokenCalls(signIn), detail: signIn };
    await count('cold /security view (first of the process), browser included', view);
    await count('warm /security view, browser included', view);
    await count('/security scrolled to the bottom (sessions, activity)', async () => {
      await page.locator('section[aria-labelledby="activity-heading"]').scrollIntoViewIfNeeded();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
    });
    const plainView = await page.request.get(`${appUrl}/security`);
    const setCookieOnPlainView = plainView.headers()['set-cookie'] !== undefined;
    await count('GET /api/factors', () => page.request.get(`${appUrl}/api/factors`));
    const { factors } = (await (await page.request.get(`${appUrl}/api/factors`)).json()) as {
      factors: { id: string; name: string }[];
    };
    const desk = factors.find((f) => f.name === 'Desk key');
    if (!desk) throw new Error('alice should have a "Desk key"');
    const factorUrl = `${appUrl}/api/factors/${encodeURIComponent(desk.id)}`;
    await count('rename (PATCH)', () =>
      page.request.patch(factorUrl, { data: { name: 'Office key' }, headers: { origin: appUrl } }),
    );
    await count('remove (DELETE)', () =>
      page.request.delete(factorUrl, { headers: { origin: appUrl } }),
    );
    await fetch(`${tenantUrl}/_local/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    // Latency and CPU: Keyward's GET /api/factors against the one upstream call it makes.
    const token = await localM2mToken(tenantUrl);
    const userId = encodeURIComponent(DEMO_USERS.alice.user_id);
    const direct = `http://127.0.0.1:${tenantPort}/api/v2/users/${userId}/authentication-methods?page=0&per_page=100&include_totals=true`;
    const rows: Load[] = [];
    let rssPeak = rssIdle;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, appPid.rssMb());
    }, 250);
    const tenantPid = processTree(tenantPort);
    const measured = async (tree: typeof appPid, row: () => Promise<Load>) => {
      const before = tree.cpuMs();
      const result = await row();
      result.cpuMsPerRequest = (tree.cpuMs() - before) / Math.max(1, result.requests);
      rows.push(result);
    };
    const size = { seconds: LOAD_SECONDS };
    const bearer = { authorization: `Bearer ${token}` };
    await warmUp(direct, bearer);
    await warmUp(`${appUrl}/api/factors`, { cookie });
    await warmUp(`${appUrl}/security`, { cookie });
    for (const connections of [1, 10, 50]) {
      await measured(tenantPid, () => load('upstream direct', direct, bearer, connections, size));
      await measured(appPid, () =>
        load('GET /api/factors', `${appUrl}/api/factors`, { cookie }, connections, size),
      );
      await measured(appPid, () =>
        load('/security render', `${appUrl}/security`, { cookie }, connections, size),
      );
    }
    clearInterval(sampler);
    const rssUnderLoad = rssPeak;
    await new Promise((r) => setTimeout(r, 30_000));
    const rssAfter = appPid.rssMb();

    const lighthouse = {
      security: await runLighthouse(`${appUrl}/security`, cookie, CHROMIUM),
      home: await runLighthouse(`${appUrl}/`, cookie, CHROMIUM),
      loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
    };

    const bytes = {
      routes: routeBytes(ROOT).map((r) => ({ route: r.route, gzip: r.gzip, files: r.files })),
      security: keywardShare('/security', ROOT),
    };
    const results = {
      ranAt: new Date().toISOString(),
      machine: {
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
      },
      bytes,
      calls,
      setCookieOnPlainView,
      latency: rows,
      rssMb: { idle: rssIdle, underLoad: rssUnderLoad, after: rssAfter },
      lighthouse,
    };
    writeFileSync(
      path.join(ROOT, 'bench', 'results.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    printTable(results);
  } finally {
    await browser.close();
    await app.close();
    await tenant.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
