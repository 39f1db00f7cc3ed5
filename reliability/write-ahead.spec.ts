import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Redis from 'ioredis';
import { expect, type TenantControls, test } from '../e2e/fixtures';
import type { Restartable } from '../e2e/support/processes';
import { startRedisServer } from '../test/local-servers';
import {
  BOB,
  bobsPasskeys,
  DELETE_ROUTE,
  removeAs,
  settledPasskeys,
  signedInBob,
  untruth,
  upstreamDeleteArrived,
} from './support/bob';
import { redisAdmin, saveFigures, tally } from './support/figures';
import { sleep } from './support/http';
import { passkeysOf, type Truth, tenantTruth } from './support/truth';
import type {
  LockoutAnswer,
  UnwritableCase,
  WriteAheadScenario,
  WriteAheadTrial,
} from './support/types';

// (g) Write-ahead removals (issue 20): a removal whose outcome Keyward cannot learn is recorded
// before its DELETE leaves, in KEYWARD_DATA_DIR/state.sqlite or in Redis, and counts as done for
// every later removal check until a read settles it. These scenarios take away what a process
// keeps in memory (a restart) or the store itself (Redis killed, the file unwritable) at the
// worst moment, and check that bob is never left without a passkey and never told anything the
// tenant contradicts.

const TRIALS = Number(process.env.RELIABILITY_WRITE_AHEAD_TRIALS ?? 20);
const WRITE_TIMEOUT_MS = 400;
/** Redis dies this long after the tenant got the DELETE, in turn: all inside Keyward's wait. */
const KILL_OFFSETS_MS = [0, 100, 200, 300];
/** The restart scenario's longest DELETE latency: how long a trial may wait for A to land. */
const MAX_LATENCY_MS = 30_000;
/** How long the second removal is asked again while the answer is 503 (the store coming back). */
const DECISION_WAIT_MS = 15_000;
const APP_ENV = { AUTH0_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS), REAUTH_MAX_AGE: '3600' };

/** Bob's two passkeys as A (removed first) and B, swapped every other trial. */
async function pair(truth: Truth, i: number): Promise<[string, string]> {
  const [x, y] = await bobsPasskeys(truth);
  return i % 2 === 0 ? [x, y] : [y, x];
}

/** The tenant at the seed (new method ids), counters at zero, only the next DELETE slowed. */
async function freshTrial(tenant: TenantControls, latencyMs: number): Promise<void> {
  await tenant.clearFaults();
  await tenant.reset();
  await tenant.clearStats();
  await tenant.fault({ route: DELETE_ROUTE, latencyMs, count: 1 });
}

/** Whether A was still in flight at the tenant (received, not yet carried out) just now. */
async function stillPending(tenant: TenantControls, truth: Truth, a: string): Promise<boolean> {
  const received = ((await tenant.stats()).routes[DELETE_ROUTE] ?? 0) > 0;
  return received && passkeysOf(await truth.methods(BOB)).some((m) => m.id === a);
}

/** Asks for B's removal until the store and the lock are back (no 503, no `busy`), or gives up. */
async function decided(ask: () => Promise<LockoutAnswer>): Promise<LockoutAnswer> {
  const until = Date.now() + DECISION_WAIT_MS;
  for (;;) {
    const answer = await ask();
    // 503: the store coming back; `busy`: the lock still held (503 or 409, by version).
    if ((answer.status !== 503 && answer.code !== 'busy') || Date.now() > until) return answer;
    await sleep(500);
  }
}

type Round = Pick<WriteAheadTrial, 'variant' | 'answers' | 'firstStillPending'> & {
  /** When A's removal was sent, and how slow its DELETE was: it lands by the sum. */
  sentAt: number;
  latencyMs: number;
};

/** Runs `round` TRIALS times, judges each against the tenant, saves and checks the figures. */
async function runScenario(
  tenant: TenantControls,
  truth: Truth,
  round: (i: number) => Promise<Round>,
  base: () => Pick<WriteAheadScenario, 'key' | 'title' | 'instances' | 'redis' | 'fault'>,
): Promise<void> {
  const started = Date.now();
  const trials: WriteAheadTrial[] = [];
  // A trial that missed the window (the machine so slow that A landed before B was decided)
  // proves less, so it is run again, within a bound; its answers are judged all the same.
  const inside = () => trials.filter((t) => t.firstStillPending).length;
  for (let i = 0; inside() < TRIALS && i < TRIALS * 1.5; i++) {
    const { sentAt, latencyMs, ...trial } = await round(i);
    const { remaining, upstreamDeletes } = await settledPasskeys(tenant, truth, sentAt, latencyMs);
    const untrue = trial.answers.flatMap((a) => {
      const problem = untruth(a, remaining);
      return problem ? [`${a.step}: ${problem}`] : [];
    });
    trials.push({
      trial: i,
      ...trial,
      upstreamDeletes,
      remaining,
      lockout: remaining.length === 0,
      untrue,
    });
  }
  await tenant.clearFaults();
  const answers = trials.flatMap((t) => t.answers);
  const s: WriteAheadScenario = {
    ...base(),
    trials: trials.length,
    lockouts: trials.filter((t) => t.lockout).length,
    untrueAnswers: trials.reduce((n, t) => n + t.untrue.length, 0),
    insideWindow: inside(),
    wanted: TRIALS,
    codes: tally(answers.map((a) => `${a.step}: ${a.status} ${a.code ?? ''}`.trim())),
    upstreamDeletes: trials.reduce((n, t) => n + t.upstreamDeletes, 0),
    badTrials: trials.filter((t) => t.lockout || t.untrue.length > 0).slice(0, 20),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  saveFigures(`write-ahead-${s.key}`, s);
  expect.soft(s.lockouts, `${s.title}: lockouts`).toBe(0);
  expect.soft(s.untrueAnswers, `${s.title}: untrue answers`).toBe(0);
  // TRIALS trials must have hit the window they are about.
  expect.soft(s.insideWindow, `${s.title}: trials inside the pending window`).toBe(TRIALS);
}

/** Stops an instance at once (SIGKILL) and starts it again; returns how long that took. */
async function restart(app: Restartable): Promise<number> {
  const started = Date.now();
  await app.stop({ kill: true });
  await app.start();
  return Date.now() - started;
}

test('write-ahead: a restart inside the pending window, one instance, no Redis', async ({
  page,
  tenant,
  launchApp,
  signInWithPasskey,
}) => {
  // A restart on a loaded machine can take 20 s, and A's latency follows it.
  test.setTimeout(1_800_000);
  const truth = tenantTruth(tenant.url);
  const app = await launchApp(APP_ENV);
  // Sessions and intents live in the instance's data folder, which its restarts keep.
  const cookie = await signedInBob(page, signInWithPasskey, app.url);
  // A's DELETE must still be in flight after the restart and B's answer: slower than the last
  // restarts took on this machine (a loaded one stretches them), with room to spare.
  const restarts = [await restart(app)];
  const latency = () => {
    const slowest = Math.max(...restarts.slice(-3));
    return Math.min(MAX_LATENCY_MS, Math.max(4000, Math.ceil((2 * slowest + 2500) / 500) * 500));
  };
  await runScenario(
    tenant,
    truth,
    async (i) => {
      const latencyMs = latency();
      await freshTrial(tenant, latencyMs);
      const [a, b] = await pair(truth, i);
      // Even trials: the instance dies after it answered A (202); odd ones while A's DELETE is
      // still in flight and Keyward is waiting for it (the client then gets no answer at all).
      const whileWaiting = i % 2 === 1;
      const sentAt = Date.now();
      const first = removeAs(cookie, app.url, a, 0);
      if (whileWaiting) await upstreamDeleteArrived(tenant);
      else await first;
      restarts.push(await restart(app));
      const answerA = await first;
      const answerB = await removeAs(cookie, app.url, b, 0);
      return {
        sentAt,
        latencyMs,
        variant: `${whileWaiting ? 'killed while waiting for A' : 'killed after answering A'}; A slowed by ${latencyMs} ms, the restart took ${restarts.at(-1)} ms`,
        answers: [
          { ...answerA, step: 'A' },
          { ...answerB, step: 'B after the restart' },
        ],
        firstStillPending: await stillPending(tenant, truth, a),
      };
    },
    () => ({
      key: 'restart',
      title: 'restart inside the pending window, one instance, no Redis',
      instances: 1,
      redis: false,
      fault: `latency on A’s DELETE twice the slowest of the last 3 restarts + 2.5 s (4–${MAX_LATENCY_MS / 1000} s; restarts took ${Math.min(...restarts)}–${Math.max(...restarts)} ms); AUTH0_WRITE_TIMEOUT_MS=${WRITE_TIMEOUT_MS}; SIGKILL, then started again with the same KEYWARD_DATA_DIR`,
    }),
  );
});

test('write-ahead: Redis killed during a slow DELETE, two instances', async ({
  page,
  tenant,
  launchApp,
  signInWithPasskey,
}) => {
  test.setTimeout(600_000);
  const truth = tenantTruth(tenant.url);
  // Persistent, as a production Redis is: what it had comes back with it.
  const redis = await startRedisServer({ persistent: true });
  const admin = redisAdmin(redis.url);
  // A lands well after Redis is back and B has been decided on the other instance.
  const latencyMs = 8000;
  try {
    const env = { ...APP_ENV, REDIS_URL: redis.url };
    const [one, two] = await Promise.all([launchApp(env), launchApp(env)]);
    if (!one || !two) throw new Error('two instances');
    const cookie = await signedInBob(page, signInWithPasskey, one.url);
    await runScenario(
      tenant,
      truth,
      async (i) => {
        // Locks, intents and limits of the last trial gone (its method ids are gone too).
        await admin.clearAppState();
        await freshTrial(tenant, latencyMs);
        const [a, b] = await pair(truth, i);
        const offsetMs = KILL_OFFSETS_MS[Math.floor(i / 2) % KILL_OFFSETS_MS.length] ?? 0;
        const sentAt = Date.now();
        const first = removeAs(cookie, one.url, a, 0);
        await upstreamDeleteArrived(tenant);
        await sleep(offsetMs);
        await redis.down();
        const answerA = await first;
        const whileDown = await removeAs(cookie, two.url, b, 1);
        await redis.up();
        const afterwards = await decided(() => removeAs(cookie, two.url, b, 1));
        return {
          sentAt,
          latencyMs,
          variant: `Redis killed ${offsetMs} ms after the tenant got A’s DELETE`,
          answers: [
            { ...answerA, step: 'A on instance 1' },
            { ...whileDown, step: 'B on instance 2, Redis down' },
            { ...afterwards, step: 'B on instance 2, Redis back' },
          ],
          firstStillPending: await stillPending(tenant, truth, a),
        };
      },
      () => ({
        key: 'redis-killed',
        title: 'Redis killed during a slow DELETE, two instances',
        instances: 2,
        redis: true,
        fault: `${latencyMs} ms latency on A’s DELETE; AUTH0_WRITE_TIMEOUT_MS=${WRITE_TIMEOUT_MS}; redis-server (append-only file) killed ${KILL_OFFSETS_MS.join(' / ')} ms after the tenant got it, started again after B’s first try`,
      }),
    );
  } finally {
    admin.close();
    await redis.dispose();
  }
});

/**
 * Makes files or folders unwritable for the app, or writable again: `chattr ±i` as root (for
 * whom modes mean nothing), read-only modes otherwise.
 */
function immutable(paths: string[], on: boolean): void {
  const existing = paths.filter((p) => existsSync(p));
  if (existing.length === 0) return;
  if (process.getuid?.() === 0) {
    execFileSync('chattr', [on ? '+i' : '-i', ...existing]);
    return;
  }
  for (const p of existing) {
    const folder = statSync(p).isDirectory();
    chmodSync(p, on ? (folder ? 0o555 : 0o444) : folder ? 0o700 : 0o644);
  }
}

const stateFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.startsWith('state.sqlite'))
    .map((f) => join(dir, f));

type UnwritableSetup = {
  title: string;
  how: string;
  app: Restartable;
  cookie: string;
  trials: number;
  breakIt: () => Promise<void>;
  mend: () => Promise<void>;
};

/** One case: break the store, ask bob's removal `trials` times, mend it; nothing may be sent. */
async function unwritableCase(
  tenant: TenantControls,
  truth: Truth,
  setup: UnwritableSetup,
): Promise<UnwritableCase> {
  const started = Date.now();
  const statuses: string[] = [];
  let upstreamDeletes = 0;
  let changed = 0;
  await setup.breakIt();
  try {
    for (let i = 0; i < setup.trials; i++) {
      await tenant.reset();
      await tenant.clearStats();
      const [a] = await pair(truth, i);
      const answer = await removeAs(setup.cookie, setup.app.url, a, 0);
      statuses.push(`${answer.status} ${answer.code ?? ''}`.trim());
      upstreamDeletes += (await tenant.stats()).routes[DELETE_ROUTE] ?? 0;
      if (passkeysOf(await truth.methods(BOB)).length !== 2) changed++;
    }
  } finally {
    await setup.mend();
  }
  const answers = tally(statuses);
  return {
    title: setup.title,
    how: setup.how,
    trials: setup.trials,
    answers,
    upstreamDeletes,
    changed,
    ok: upstreamDeletes === 0 && changed === 0 && statuses.every((s) => s.startsWith('503 ')),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

test('write-ahead: the store unwritable before a DELETE: 503 and nothing sent', async ({
  page,
  browser,
  tenant,
  launchApp,
  signInWithPasskey,
}) => {
  test.setTimeout(420_000);
  const truth = tenantTruth(tenant.url);
  const trials = 3;
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-unwritable-'));
  const state = join(dataDir, 'state.sqlite');
  const redis = await startRedisServer({ persistent: true });
  // Keyward's own Redis user, whose key permissions the suite narrows through the default user.
  const admin = new Redis(redis.url);
  // Users live in Redis's configuration, not its data: made again whenever Redis starts.
  const keywardUser = () =>
    admin.call('ACL', 'SETUSER', 'keyward', 'on', '>keyward-secret', '~*', '&*', '+@all');
  await keywardUser();
  const redisUrl = redis.url.replace('redis://', 'redis://keyward:keyward-secret@');
  const cases: UnwritableCase[] = [];
  try {
    const app = await launchApp({ ...APP_ENV, KEYWARD_DATA_DIR: dataDir });
    const cookie = await signedInBob(page, signInWithPasskey, app.url);
    const onRedis = await launchApp({ ...APP_ENV, REDIS_URL: redisUrl });
    // A browser of its own: Chromium allows one platform authenticator per context.
    const other = await (await browser.newContext()).newPage();
    const redisCookie = await signedInBob(other, signInWithPasskey, onRedis.url);
    const sqlite = { app, cookie, trials };

    // Another process (a backup, a stuck instance) holds the file's write lock.
    let holder: Database.Database | null = null;
    const holdWriteLock = async () => {
      holder = new Database(state);
      holder.pragma('journal_mode = WAL');
      holder.exec('BEGIN IMMEDIATE');
    };
    const releaseWriteLock = async () => {
      holder?.exec('ROLLBACK');
      holder?.close();
      holder = null;
    };
    cases.push(
      await unwritableCase(tenant, truth, {
        ...sqlite,
        title: 'SQLite write-locked by another process, store not opened yet',
        how: 'another process holds `BEGIN IMMEDIATE` on state.sqlite before the instance first opens it',
        breakIt: holdWriteLock,
        mend: releaseWriteLock,
      }),
    );
    // A removal of a made-up id opens the store (and its table) without sending anything.
    const opened = await removeAs(cookie, app.url, 'pkc_made-up', 0);
    expect(opened.status, 'a made-up id opens the store').toBe(404);
    cases.push(
      await unwritableCase(tenant, truth, {
        ...sqlite,
        title: 'SQLite write-locked by another process, store open',
        how: 'another process holds `BEGIN IMMEDIATE` on state.sqlite, which the instance has open',
        breakIt: holdWriteLock,
        mend: releaseWriteLock,
      }),
    );
    cases.push(
      await unwritableCase(tenant, truth, {
        ...sqlite,
        title: 'SQLite file read-only',
        how: 'instance stopped, state.sqlite and its -wal/-shm made immutable (`chattr +i` as root, else read-only modes), instance started',
        breakIt: async () => {
          await app.stop({ kill: true });
          immutable(stateFiles(dataDir), true);
          await app.start();
        },
        mend: async () => {
          await app.stop({ kill: true });
          immutable(stateFiles(dataDir), false);
          await app.start();
        },
      }),
    );
    cases.push(
      await unwritableCase(tenant, truth, {
        ...sqlite,
        title: 'data folder unwritable, no state file yet',
        how: 'instance stopped, state.sqlite* removed, KEYWARD_DATA_DIR made immutable (`chattr +i` as root, else read-only modes), instance started',
        breakIt: async () => {
          await app.stop({ kill: true });
          for (const f of stateFiles(dataDir)) rmSync(f);
          immutable([dataDir], true);
          await app.start();
        },
        mend: async () => {
          await app.stop({ kill: true });
          immutable([dataDir], false);
          await app.start();
        },
      }),
    );
    const redisCase = { app: onRedis, cookie: redisCookie, trials };
    cases.push(
      await unwritableCase(tenant, truth, {
        ...redisCase,
        title: 'Redis down (REDIS_URL)',
        how: 'redis-server killed before the request, started again after',
        breakIt: () => redis.down(),
        mend: async () => {
          await redis.up();
          await keywardUser();
        },
      }),
    );
    // Everything else works (session, limits, lock, the read); only the intent cannot be written.
    cases.push(
      await unwritableCase(tenant, truth, {
        ...redisCase,
        title: 'Redis up, intents read-only (REDIS_URL)',
        how: 'Keyward’s Redis user may read but not write `keyward:pending-removals:*` (ACL `%R~`), every other key as before',
        breakIt: async () => {
          await admin.call('ACL', 'SETUSER', 'keyward', 'resetkeys', '~[^k]*', '~keyward:[^p]*');
          await admin.call('ACL', 'SETUSER', 'keyward', '%R~keyward:pending-removals:*');
        },
        mend: async () => {
          await admin.call('ACL', 'SETUSER', 'keyward', 'resetkeys', '~*');
        },
      }),
    );
  } finally {
    immutable([dataDir, ...(existsSync(dataDir) ? stateFiles(dataDir) : [])], false);
    rmSync(dataDir, { recursive: true, force: true });
    admin.disconnect();
    await redis.dispose();
  }
  saveFigures('write-ahead-unwritable', { cases });
  for (const c of cases) {
    expect.soft(c.upstreamDeletes, `${c.title}: DELETEs the tenant received`).toBe(0);
    expect.soft(c.changed, `${c.title}: trials that changed bob's methods`).toBe(0);
    expect.soft(c.answers, `${c.title}: answers`).toEqual({ '503 store_unavailable': c.trials });
  }
});
