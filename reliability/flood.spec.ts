import { expect, test } from '../e2e/fixtures';
import { as, cookieHeader, saveFigures, tally } from './support/figures';
import { type Answer, cookieJar, errorCode, send, sleep } from './support/http';
import type { FloodFigures, FloodVariant } from './support/types';

// (d) Alice floods the API from a few concurrent loops (the list, removals of made-up ids, both
// options routes) for ~15 s while bob loads his page and his list every 500 ms. The tenant's
// Management API allows 10 requests/s and Keyward's budget is AUTH0_MGMT_RPS=10.

const SECONDS = 15;
const LOOPS = 6;
const RPS = 10;
const MAX_REQUESTS_PER_LOOP = 20_000;
const VICTIM_EVERY_MS = 500;
const BURST_NEXT = 100;

// Matched in the markup only: the page also carries every message as JSON for the client.
const failedPage = (a: Answer) =>
  a.status !== 200 ||
  !/<h2[^>]*>Passkeys<\/h2>/.test(a.text) ||
  />We couldn’t load your sign-in methods</.test(a.text);

test('one user floods while another loads their page', async ({
  page,
  browser,
  tenant,
  launchApp,
  signIn,
  signInWithPasskey,
}) => {
  test.setTimeout(180_000);
  const bobContext = await browser.newContext();
  try {
    const app = await launchApp({ AUTH0_MGMT_RPS: String(RPS), REAUTH_MAX_AGE: '3600' });
    const base = app.url;
    // Sessions stay in the instance's SQLite file across the restarts below.
    await signIn(page, 'alice', base);
    await signInWithPasskey(await bobContext.newPage(), 'bob', 0, base);
    const alice = await cookieHeader(page.context());
    const bob = await cookieHeader(bobContext);
    const limit = await fetch(`${tenant.url}/_local/rate-limit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perSecond: RPS }),
    });
    expect(limit.ok).toBe(true);

    const variants: FloodVariant[] = [];
    const variantsToRun: {
      title: string;
      addresses: string;
      flooder: Record<string, string>;
      victim: Record<string, string>;
      /** Instead of loops: this many requests at once, then BURST_NEXT more every second. */
      burst?: number;
    }[] = [
      {
        title: 'flooder and reader at different addresses',
        addresses: 'X-Forwarded-For 203.0.113.7 (alice) and 198.51.100.9 (bob), as behind a proxy',
        flooder: { 'x-forwarded-for': '203.0.113.7' },
        victim: { 'x-forwarded-for': '198.51.100.9' },
      },
      {
        title: 'flooder and reader at the same address',
        addresses: 'both from 127.0.0.1, no proxy (one office NAT, or Keyward without a proxy)',
        flooder: {},
        victim: {},
      },
      {
        title: 'bursts: 300 requests at once, then 100 more every second',
        addresses: 'both from 127.0.0.1, no proxy',
        flooder: {},
        victim: {},
        burst: 300,
      },
    ];
    for (const variant of variantsToRun) {
      // A fresh instance: no limits or budget spent by the previous variant.
      await app.stop({ kill: true });
      await app.start();
      // Warm up (compiles the routes, fetches the M2M token); not counted.
      await send(base, '/security', { headers: { cookie: bob, ...variant.victim } });
      await send(base, '/api/factors', { headers: { cookie: bob, ...variant.victim } });
      await sleep(1500);
      await tenant.clearStats();

      const started = Date.now();
      const end = started + SECONDS * 1000;
      const flooder: Answer[] = [];
      let madeUp = 0;
      // The flooder keeps its cookies up to date, as a browser or a scripted client would.
      const jar = cookieJar(alice);
      const flood = async (loop: number) => {
        const headers = () => as(jar.header(), base, variant.flooder);
        const calls = [
          () => send(base, '/api/factors', { headers: headers() }),
          () =>
            send(base, `/api/factors/made-up-${madeUp++}`, {
              method: 'DELETE',
              headers: headers(),
            }),
          () => send(base, '/api/security-keys/options', { method: 'POST', headers: headers() }),
          () => send(base, '/api/passkeys/options', { method: 'POST', headers: headers() }),
        ];
        for (let i = loop; i < MAX_REQUESTS_PER_LOOP && Date.now() < end; i++) {
          const call = calls[i % calls.length];
          if (!call) continue;
          const answer = await call();
          jar.update(answer);
          flooder.push(answer);
        }
      };
      const loads: { what: string; answer: Answer }[] = [];
      const read = async () => {
        for (let i = 0; started + i * VICTIM_EVERY_MS < end; i++) {
          await sleep(Math.max(0, started + i * VICTIM_EVERY_MS - Date.now()));
          const what = i % 2 === 0 ? 'page' : 'list';
          const answer = await send(base, what === 'page' ? '/security' : '/api/factors', {
            headers: { cookie: bob, ...variant.victim },
            timeoutMs: 10_000,
          });
          loads.push({ what, answer });
        }
      };
      // Bursts don't wait for answers, as a script firing requests would not.
      const bursts = async (first: number) => {
        const headers = as(jar.header(), base, variant.flooder);
        const fire = (i: number) =>
          [
            () => send(base, '/api/factors', { headers }),
            () => send(base, `/api/factors/made-up-${madeUp++}`, { method: 'DELETE', headers }),
            () => send(base, '/api/security-keys/options', { method: 'POST', headers }),
            () => send(base, '/api/passkeys/options', { method: 'POST', headers }),
          ][i % 4]?.();
        const pending: Promise<void>[] = [];
        for (let second = 0; Date.now() < end; second++) {
          const count = second === 0 ? first : BURST_NEXT;
          for (let i = 0; i < count; i++) {
            const sent = fire(i);
            if (sent) pending.push(sent.then((a) => void flooder.push(a)));
          }
          await sleep(Math.max(0, started + (second + 1) * 1000 - Date.now()));
        }
        await Promise.all(pending);
      };
      await Promise.all([
        read(),
        ...(variant.burst
          ? [bursts(variant.burst)]
          : Array.from({ length: LOOPS }, (_, loop) => flood(loop))),
      ]);
      const seconds = (Date.now() - started) / 1000;
      const { routes } = await tenant.stats();
      const managementRequests = Object.entries(routes)
        .filter(([route]) => route.includes(' /api/v2/'))
        .reduce((n, [, count]) => n + count, 0);

      const failures = loads.filter(({ what, answer }) =>
        what === 'page' ? failedPage(answer) : answer.status !== 200,
      );
      const times = loads.map((l) => l.answer.ms).sort((a, b) => a - b);
      variants.push({
        title: variant.title,
        addresses: variant.addresses,
        seconds: Math.round(seconds * 10) / 10,
        victim: {
          loads: loads.length,
          ok: loads.length - failures.length,
          successRate: loads.length === 0 ? 0 : (loads.length - failures.length) / loads.length,
          failures: failures.map(({ what, answer }) => ({
            what,
            status: answer.status,
            code:
              errorCode(answer) ??
              (answer.status === 200
                ? />We couldn’t load your sign-in methods</.test(answer.text)
                  ? 'the page showed its load error'
                  : 'the page showed no list'
                : (answer.error ?? null)),
          })),
          p95Ms: times[Math.floor(times.length * 0.95)] ?? 0,
        },
        flooder: {
          requests: flooder.length,
          byStatus: tally(flooder.map((a) => a.status)),
          byCode: tally(flooder.map((a) => `${a.status} ${errorCode(a) ?? ''}`.trim())),
          tooMany: flooder.filter((a) => a.status === 429).length,
        },
        managementRequests,
        managementPerSecond: Math.round((managementRequests / seconds) * 10) / 10,
      });
    }

    const figures: FloodFigures = {
      mgmtRps: RPS,
      tenantPerSecond: RPS,
      loops: LOOPS,
      variants,
    };
    saveFigures('flood', figures);
    for (const v of variants) {
      expect
        .soft(v.victim.successRate, `${v.title}: reader's success rate`)
        .toBeGreaterThanOrEqual(0.99);
      expect.soft(v.flooder.tooMany, `${v.title}: flooder's 429s`).toBeGreaterThan(0);
    }
  } finally {
    await bobContext.close();
  }
});
