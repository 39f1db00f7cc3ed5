// npm run bench [-- --no-build] [-- --quick]: the production build, the local tenant in test
// mode, and one table of what Keyward costs: JS bytes per route, upstream calls per action,
// latency and CPU per request against the direct upstream call, RSS, and Lighthouse on /security.
// Writes bench/results.json. Timings live here only, never in `npm test`.
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
import { type Load, load } from './support/load';
import { processTree } from './support/process-stats';
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

  const [tenantPort, appPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
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
    const page = await browser.newPage();
    await clearStats();
    await page.goto(`${appUrl}/auth/login`);
    await page.getByLabel('Email').fill(DEMO_USERS.alice.email);
    await page.getByLabel('Password').fill(DEMO_USERS.alice.password);
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.waitForURL(`${appUrl}/**`);
    const signIn = await stats();
    const cookie = (await page.context().cookies(appUrl))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');

    const calls: Record<string, { management: number; token: number; detail: Routes }> = {};
    const count = async (name: string, action: () => Promise<unknown>) => {
      await clearStats();
      await action();
      const r = await stats();
      calls[name] = { management: mgmtCalls(r), token: tokenCalls(r), detail: r };
    };
    calls['sign-in'] = { management: mgmtCalls(signIn), token: tokenCalls(signIn), detail: signIn };
    await count('cold /security view (first of the process)', () =>
      page.goto(`${appUrl}/security`),
    );
    await count('warm /security view', () => page.goto(`${appUrl}/security`));
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
    const measured = async (row: Promise<Load>) => {
      const before = appPid.cpuMs();
      const result = await row;
      result.cpuMsPerRequest = (appPid.cpuMs() - before) / Math.max(1, result.requests);
      rows.push(result);
    };
    const size = { seconds: LOAD_SECONDS };
    for (const connections of [1, 10, 50]) {
      const bearer = { authorization: `Bearer ${token}` };
      rows.push(await load('upstream direct', direct, bearer, connections, size));
      await measured(
        load('GET /api/factors', `${appUrl}/api/factors`, { cookie }, connections, size),
      );
      await measured(load('/security render', `${appUrl}/security`, { cookie }, connections, size));
    }
    clearInterval(sampler);
    const rssUnderLoad = rssPeak;
    await new Promise((r) => setTimeout(r, 10_000));
    const rssAfter = appPid.rssMb();

    const lighthouse = await runLighthouse(`${appUrl}/security`, cookie, CHROMIUM);

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
