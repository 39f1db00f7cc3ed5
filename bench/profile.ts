// npx tsx bench/profile.ts [/security | /api/factors]: the production build under `node --cpu-prof`
// (NODE_OPTIONS refuses the flag, so the app is spawned here), load on one route, then the
// profile's self time by module and by function. Needs `next build` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import autocannon from 'autocannon';
import { startTenant, waitFor } from '../e2e/support/processes';
import { freePort } from '../test/local-servers';
import { signInAlice } from './support/sign-in';

const PROFILE_DIR = mkdtempSync(join(tmpdir(), 'keyward-profile-'));

type Profile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
};

/** Self time by module (node_modules package, or file) and by function, heaviest first. */
function summarize(file: string): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const frames = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const frame = frames.get(id);
    const t = p.timeDeltas[i] ?? 0;
    if (!frame) return;
    const url = frame.url
      .replace(/.*node_modules\//, 'node_modules/')
      .replace(/.*\.next\//, '.next/');
    const parts = url.split('/');
    const module = url.startsWith('node_modules/')
      ? parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/')
      : url || `(${frame.functionName})`;
    byModule.set(module, (byModule.get(module) ?? 0) + t);
    const fn = `${frame.functionName || '(anonymous)'} ${url.slice(-50)}:${frame.lineNumber}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
  });
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  console.log(`${top(byModule)}\n\n${top(byFunction)}`);
}

async function main() {
  const [tp, ap, sp] = [await freePort(), await freePort(), await freePort()];
  const url = `http://localhost:${ap}`;
  const tenant = await startTenant(tp, [url], sp);
  const { AUTH0_DOMAIN: _x, ...env } = process.env;
  const child = spawn(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${PROFILE_DIR}`,
      'node_modules/next/dist/bin/next',
      'start',
      '--port',
      String(ap),
    ],
    {
      env: {
        ...env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        AUTH0_MGMT_RPS: '1000',
        APP_BASE_URL: url,
        LOCAL_TENANT_PORT: String(tp),
        SMTP_URL: `smtp://127.0.0.1:${sp}`,
        KEYWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'kw-prof-')),
      },
      stdio: 'ignore',
    },
  );
  await waitFor(url, 60_000, child);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const { cookie } = await signInAlice(browser, url);
  await browser.close();
  const target = process.argv[2] ?? '/security';
  const r = await autocannon({
    url: `${url}${target}`,
    headers: { cookie },
    connections: 4,
    amount: target === '/security' ? 400 : 55,
  });
  console.log('done', r.requests.total, r.non2xx);
  const res = await fetch(`${url}${target}`, { headers: { cookie } });
  console.log('body bytes', (await res.text()).length);
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  await tenant.close();
  for (const file of readdirSync(PROFILE_DIR)) {
    console.log(`\n${join(PROFILE_DIR, file)}`);
    summarize(join(PROFILE_DIR, file));
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
