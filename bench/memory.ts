// npm run bench:memory [-- --no-build] [-- --env NAME=value …]: what the app's memory is made of.
// The production build on the local tenant, as `npm run bench` runs it, with V8 told to write a
// heap snapshot on SIGUSR2, and bursts of 50 connections on /security and GET /api/factors.
// - Resident memory, read before any snapshot (writing one costs 100+ MB of its own): warm and
//   idle, right after a burst, 30 s later; split into anonymous memory (V8's heap, buffers,
//   native allocations) and mapped files (the node binary, shared libraries).
// - Then the live objects, summed by constructor, before a second burst, right after, 30 s later.
// `--env` adds settings to the app's environment, to try allocator or V8 options. Writes
// bench/memory.json; docs/performance.md quotes it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startApp, startTenant } from '../e2e/support/processes';
import { freePort } from '../test/local-servers';
import { type HeapSummary, heapGrowth, summariseHeap } from './support/heap-snapshot';
import { load, warmUp } from './support/load';
import { processTree } from './support/process-stats';
import { signInAlice } from './support/sign-in';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOAD_SECONDS = 20;
const args = process.argv.slice(2);
const extraEnv = Object.fromEntries(
  args.flatMap((a, i) => (args[i - 1] === '--env' ? [a.split(/=(.*)/s).slice(0, 2)] : [])),
) as Record<string, string>;
const MB = 1_000_000;

const loadAverage = () => os.loadavg().map((n) => Number(n.toFixed(2)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signals `pid` to write a snapshot into `dir` and waits until the new file stops growing. */
async function snapshot(pid: number, dir: string): Promise<HeapSummary> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (let tries = 0; tries < 600; tries++) {
    await sleep(500);
    const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (!file) continue;
    const full = path.join(dir, file);
    const size = statSync(full).size;
    await sleep(1000);
    if (statSync(full).size !== size || size === 0) continue;
    const summary = summariseHeap(full);
    rmSync(full);
    return summary;
  }
  throw new Error('no heap snapshot within 5 minutes');
}

async function main() {
  if (!args.includes('--no-build')) {
    execFileSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  const snapshots = mkdtempSync(path.join(os.tmpdir(), 'keyward-heap-'));
  const [tenantPort, appPort, smtpPort] = [await freePort(), await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const tenant = await startTenant(tenantPort, [appUrl], smtpPort);
  const app = await startApp(appPort, tenantPort, smtpPort, {
    AUTH0_MGMT_RPS: '1000',
    ROUTE_LIMIT_SCALE: '1000',
    ...extraEnv,
    NODE_OPTIONS: `${extraEnv.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${snapshots}`,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const tree = processTree(appPort);
    // The process that serves requests: the one with the most memory (Next may fork a child).
    const server = () => {
      const sizes = tree.pids().map((pid) => ({ pid, rss: tree.rssBreakdownMb(pid).rss }));
      return sizes.reduce((a, b) => (b.rss > a.rss ? b : a)).pid;
    };
    const { cookie } = await signInAlice(browser, appUrl);
    await warmUp(`${appUrl}/security`, { cookie });
    await warmUp(`${appUrl}/api/factors`, { cookie });

    const burst = () =>
      Promise.all([
        load('/security', `${appUrl}/security`, { cookie }, 25, { seconds: LOAD_SECONDS }),
        load('GET /api/factors', `${appUrl}/api/factors`, { cookie }, 25, {
          seconds: LOAD_SECONDS,
        }),
      ]);
    // Resident memory first, without snapshots: writing one costs 100+ MB of its own.
    const rss = async (name: string) => ({
      name,
      loadAverage: loadAverage(),
      ...tree.rssBreakdownMb(server()),
      processes: tree.pids().length,
      wholeTreeMb: tree.rssMb(),
    });
    const rssPoints = [await rss('warm, idle')];
    const requests = (await burst()).map(({ target, requests, non2xx }) => ({
      target,
      requests,
      non2xx,
    }));
    rssPoints.push(await rss(`right after ${LOAD_SECONDS} s of 50 connections`));
    await sleep(30_000);
    rssPoints.push(await rss('30 s later'));

    // Then the live objects: before a second burst, right after it, and 30 s later. Whatever a
    // burst leaves behind for good shows as growth from the first to the last.
    const heapPoint = async (name: string) => ({
      name,
      loadAverage: loadAverage(),
      heap: await snapshot(server(), snapshots),
    });
    const before = await heapPoint('before a burst');
    await burst();
    const right = await heapPoint('right after it');
    await sleep(30_000);
    const later = await heapPoint('30 s later');

    const mb = (bytes: number) => Number((bytes / MB).toFixed(1));
    const results = {
      ranAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadAverage: loadAverage(), node: process.version },
      env: extraEnv,
      burst: requests,
      rssMb: rssPoints,
      heap: [before, right, later].map((p) => ({
        name: p.name,
        loadAverage: p.loadAverage,
        liveMb: mb(p.heap.totalBytes),
        top: p.heap.groups
          .slice(0, 12)
          .map((g) => ({ name: g.name, mb: mb(g.bytes), count: g.count })),
      })),
      growthKept: heapGrowth(before.heap, later.heap).map((g) => ({
        name: g.name,
        mb: mb(g.grewBytes),
      })),
    };
    writeFileSync(path.join(ROOT, 'bench', 'memory.json'), `${JSON.stringify(results, null, 2)}\n`);
    for (const p of results.rssMb) {
      console.log(
        `RSS ${p.name}: ${p.rss} MB (anonymous ${p.anonymous}, files ${p.files}; ${p.processes} processes, ${p.wholeTreeMb} MB in all), load ${p.loadAverage.join(' ')}`,
      );
    }
    for (const b of results.burst)
      console.log(`Burst ${b.target}: ${b.requests} requests, ${b.non2xx} not 2xx`);
    for (const p of results.heap) {
      console.log(`Live heap ${p.name}: ${p.liveMb} MB, load ${p.loadAverage.join(' ')}`);
      for (const g of p.top.slice(0, 6)) console.log(`   ${g.mb} MB  ${g.name} ×${g.count}`);
    }
    console.log('Kept 30 s after the burst:');
    for (const g of results.growthKept.slice(0, 8)) console.log(`   +${g.mb} MB  ${g.name}`);
  } finally {
    await browser.close();
    await app.close();
    await tenant.close();
    rmSync(snapshots, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
