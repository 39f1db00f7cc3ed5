import { expect, test } from '../e2e/fixtures';
import { cookieHeader, saveFigures, tally } from './support/figures';
import { type Answer, cookieJar, send, sleep } from './support/http';
import type { SignInFloodFigures } from './support/types';

// (f) Alice signs in over and over (real sign-ins: /auth/login, the tenant, which remembers her,
// and /auth/callback, whose account read is a Management API call charged to her) while bob
// loads /security, at Auth0's Free-plan budget: the tenant allows 2 Management requests/s with a
// burst of 2, and Keyward runs with AUTH0_MGMT_RPS=2. Each /security load costs bob two calls
// (his methods and his sessions). The two come from different X-Forwarded-For addresses.

const SECONDS = 40;
const RPS = 2;
/** Alice's concurrent sign-in loops: a script, not a person at a browser. */
const LOOPS = 3;
const VICTIM_EVERY_MS = 1500;
const MAX_REDIRECTS = 8;
const MAX_ROUNDS_PER_LOOP = 5000;
const ALICE = { 'x-forwarded-for': '203.0.113.7' };
const BOB = { 'x-forwarded-for': '198.51.100.9' };

// Matched in the markup only: the page also carries every message as JSON for the client.
const failedPage = (a: Answer) =>
  a.status !== 200 ||
  !/<h2[^>]*>Passkeys<\/h2>/.test(a.text) ||
  />We couldn’t load your sign-in methods</.test(a.text) ||
  />We couldn’t load where you’re signed in/.test(a.text);

type Round = { outcome: string; ms: number };

/**
 * One sign-in as a browser makes it: follows the redirects from /auth/login through the tenant
 * back to /auth/callback, with one cookie jar across both hosts (cookies ignore ports).
 */
async function signInOnce(base: string, jar: ReturnType<typeof cookieJar>): Promise<Round> {
  const started = Date.now();
  let url = new URL('/auth/login', base);
  const appOrigin = new URL(base).origin;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    const atApp = url.origin === appOrigin;
    const answer = await send(url.origin, `${url.pathname}${url.search}`, {
      headers: { cookie: jar.header(), ...(atApp ? ALICE : {}) },
      timeoutMs: 15_000,
    });
    jar.update(answer);
    const ms = Date.now() - started;
    if (answer.status === 429) return { outcome: `429 at ${url.pathname}`, ms };
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && location) {
      // The callback's redirect back into the app ends a sign-in that worked.
      if (atApp && url.pathname === '/auth/callback') return { outcome: 'signed in', ms };
      url = new URL(location, url);
      continue;
    }
    return { outcome: `${answer.status} at ${url.pathname}`, ms };
  }
  return { outcome: 'too many redirects', ms: Date.now() - started };
}

test('one user signs in over and over while another loads their page', async ({
  page,
  browser,
  tenant,
  launchApp,
  signIn,
  signInWithPasskey,
}) => {
  test.setTimeout(240_000);
  const bobContext = await browser.newContext();
  try {
    const app = await launchApp({ AUTH0_MGMT_RPS: String(RPS), REAUTH_MAX_AGE: '3600' });
    const base = app.url;
    await signIn(page, 'alice', base);
    await signInWithPasskey(await bobContext.newPage(), 'bob', 0, base);
    // Alice's jar holds the tenant's session cookie too: the tenant signs her in without a form.
    const aliceCookies = await cookieHeader(page.context());
    const bob = await cookieHeader(bobContext);

    // Alice's sign-in works unattended before the budget is tightened (else the test proves nothing).
    const probe = await signInOnce(base, cookieJar(aliceCookies));
    expect(probe.outcome).toBe('signed in');

    const limit = await fetch(`${tenant.url}/_local/rate-limit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perSecond: RPS, burst: RPS }),
    });
    expect(limit.ok).toBe(true);
    // Warm up (compiles nothing in production, but fetches the page once); not counted.
    await send(base, '/security', { headers: { cookie: bob, ...BOB } });
    await sleep(2000);
    await tenant.clearStats();

    const started = Date.now();
    const end = started + SECONDS * 1000;
    const rounds: Round[] = [];
    const flood = async () => {
      const jar = cookieJar(aliceCookies);
      for (let i = 0; i < MAX_ROUNDS_PER_LOOP && Date.now() < end; i++) {
        const round = await signInOnce(base, jar);
        rounds.push(round);
        // Refused at the door: try again soon, as a script would, without spinning the CPU.
        if (round.outcome !== 'signed in') await sleep(50);
      }
    };
    const loads: Answer[] = [];
    const read = async () => {
      for (let i = 0; started + i * VICTIM_EVERY_MS < end; i++) {
        await sleep(Math.max(0, started + i * VICTIM_EVERY_MS - Date.now()));
        loads.push(
          await send(base, '/security', { headers: { cookie: bob, ...BOB }, timeoutMs: 15_000 }),
        );
      }
    };
    await Promise.all([read(), ...Array.from({ length: LOOPS }, () => flood())]);
    const seconds = (Date.now() - started) / 1000;

    const { routes } = await tenant.stats();
    const count = (match: (route: string) => boolean) =>
      Object.entries(routes)
        .filter(([route]) => match(route))
        .reduce((n, [, c]) => n + c, 0);
    const failures = loads.filter(failedPage);
    const signedIn = rounds.filter((r) => r.outcome === 'signed in');
    const times = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const pick = (xs: number[], q: number) =>
      xs[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;
    const loadTimes = times(loads.map((l) => l.ms));
    const signInTimes = times(signedIn.map((r) => r.ms));
    const figures: SignInFloodFigures = {
      mgmtRps: RPS,
      tenantPerSecond: RPS,
      tenantBurst: RPS,
      loops: LOOPS,
      seconds: Math.round(seconds * 10) / 10,
      victim: {
        loads: loads.length,
        ok: loads.length - failures.length,
        successRate: loads.length === 0 ? 0 : (loads.length - failures.length) / loads.length,
        failures: failures.map((a) => ({
          status: a.status,
          what:
            a.status !== 200
              ? (a.error ?? `status ${a.status}`)
              : />We couldn’t load your sign-in methods</.test(a.text)
                ? 'methods did not load'
                : />We couldn’t load where you’re signed in/.test(a.text)
                  ? 'sessions did not load'
                  : 'the page showed no list',
        })),
        p50Ms: pick(loadTimes, 0.5),
        p95Ms: pick(loadTimes, 0.95),
      },
      flooder: {
        rounds: rounds.length,
        signedIn: signedIn.length,
        outcomes: tally(rounds.map((r) => r.outcome)),
        tooMany: rounds.filter((r) => r.outcome.startsWith('429')).length,
        signInP50Ms: pick(signInTimes, 0.5),
        signInP95Ms: pick(signInTimes, 0.95),
      },
      callbacks: count((r) => r.startsWith('POST /oauth/token')),
      managementRequests: count((r) => r.includes(' /api/v2/')),
      accountReads: count((r) => r === 'GET /api/v2/users/:id'),
    };
    saveFigures('sign-in-flood', figures);
    expect(signedIn.length, 'alice signed in over and over').toBeGreaterThan(10);
    expect(loads.length, 'bob loaded his page throughout').toBeGreaterThanOrEqual(20);
    expect(figures.victim.successRate, "bob's loads that succeeded").toBeGreaterThanOrEqual(0.99);
  } finally {
    await bobContext.close();
  }
});
