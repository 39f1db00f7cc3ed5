import { expect, type TenantControls, test } from '../e2e/fixtures';
import type { Restartable } from '../e2e/support/processes';
import { startRedisServer } from '../test/local-servers';
import { BOB, bobsPasskeys, DELETE_ROUTE, signedInBob } from './support/bob';
import { as, redisAdmin, saveFigures, tally } from './support/figures';
import { errorCode, send, sleep } from './support/http';
import { passkeysOf, type Truth, tenantTruth } from './support/truth';
import type {
  LockoutAnswer,
  LockoutCondition,
  LockoutFigures,
  LockoutTrial,
} from './support/types';

// (a) Lockouts in concurrent-removal trials for bob, who signs in with two passkeys and nothing
// else. Each trial: the tenant back to the seed, then one DELETE for each passkey, the second
// fired 0/200/400/600 ms after the first (at once; while the first holds the lock with its DELETE
// in flight; just after Keyward answered it; just before Auth0 carries it out). Then wait until
// every DELETE the tenant received has landed (or the latency has passed), and read the truth.

const TRIALS = Number(process.env.RELIABILITY_TRIALS ?? 100);
const WRITE_TIMEOUT_MS = 400;
const LATENCY_MS = 900;
/**
 * How long after the first the second removal is sent, in turn. Slow: at once; while the first
 * holds the lock with its DELETE in flight; just after Keyward answered 202; just before the
 * tenant carries it out. Without a fault a removal takes tens of milliseconds, so the offsets
 * that still overlap it are much smaller.
 */
const OFFSETS_MS = { slow: [0, 200, 400, 600], none: [0, 10, 25, 50] };
/** ROUTE_LIMITS.change.user in lib/rate-limits/route-limits.ts: removals per user per minute. */
const CHANGE_POINTS_PER_MINUTE = 30;

type Setup = {
  tenant: TenantControls;
  truth: Truth;
  instances: Restartable[];
  cookie: string;
  /** Called before each trial with the points the trial may spend; frees the route limits. */
  freeLimits: (points: number) => Promise<void>;
};

async function trial(i: number, slow: boolean, setup: Setup): Promise<LockoutTrial> {
  const { tenant, truth, instances, cookie } = setup;
  // The seed gives methods new ids each time, so nothing Keyward remembers about the last trial's
  // ids (a pending removal) applies to this one.
  await tenant.reset();
  const ids = await bobsPasskeys(truth);
  await tenant.clearStats();
  const [first, second] = i % 2 === 0 ? ids : ([ids[1], ids[0]] as const);
  const offsets = slow ? OFFSETS_MS.slow : OFFSETS_MS.none;
  const offsetMs = offsets[Math.floor(i / 2) % offsets.length] ?? 0;
  const fire = async (id: string, instance: number): Promise<LockoutAnswer> => {
    const base = instances[instance]?.url ?? '';
    const answer = await send(base, `/api/factors/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: as(cookie, base),
    });
    return { id, instance, status: answer.status, code: errorCode(answer) };
  };
  const one = fire(first, i % instances.length);
  await sleep(offsetMs);
  const two = fire(second, (i + 1) % instances.length);
  const answers = await Promise.all([one, two]);

  // Every DELETE reached the tenant before Keyward answered for it; each lands at most
  // LATENCY_MS after it arrived. Wait until all of them have landed, or until that has passed.
  const deadline = Date.now() + (slow ? LATENCY_MS + 300 : 300);
  let upstreamDeletes = 0;
  let remaining: string[] = [];
  for (;;) {
    upstreamDeletes = (await tenant.stats()).routes[DELETE_ROUTE] ?? 0;
    remaining = passkeysOf(await truth.methods(BOB)).map((m) => m.id);
    if (2 - remaining.length >= upstreamDeletes || Date.now() > deadline) break;
    await sleep(50);
  }

  const untrue: string[] = [];
  let landedAfterAnswer = 0;
  for (const a of answers) {
    const gone = !remaining.includes(a.id);
    if (a.status === 202) {
      if (gone) landedAfterAnswer++;
    } else if ((a.status === 200 || a.status === 404) !== gone) {
      untrue.push(`${a.status} ${a.code ?? ''} for ${gone ? 'a removed' : 'a kept'} passkey`);
    }
  }

  return {
    trial: i,
    offsetMs,
    answers,
    upstreamDeletes,
    remaining,
    lockout: remaining.length === 0,
    untrue,
    landedAfterAnswer,
  };
}

async function runCondition(
  setup: Setup,
  condition: { key: string; title: string; slow: boolean; redis: boolean },
): Promise<LockoutCondition> {
  const started = Date.now();
  if (condition.slow) {
    await setup.tenant.fault({ route: DELETE_ROUTE, latencyMs: LATENCY_MS });
  }
  const trials: LockoutTrial[] = [];
  try {
    for (let i = 0; i < TRIALS; i++) {
      await setup.freeLimits(2);
      trials.push(await trial(i, condition.slow, setup));
    }
  } finally {
    await setup.tenant.clearFaults();
  }
  const answers = trials.flatMap((t) => t.answers);
  return {
    key: condition.key,
    title: condition.title,
    instances: setup.instances.length,
    redis: condition.redis,
    fault: condition.slow
      ? `${LATENCY_MS} ms latency on every upstream DELETE; AUTH0_WRITE_TIMEOUT_MS=${WRITE_TIMEOUT_MS}`
      : 'none',
    trials: trials.length,
    lockouts: trials.filter((t) => t.lockout).length,
    statusMix: tally(answers.map((a) => a.status)),
    codes: tally(answers.map((a) => `${a.status} ${a.code ?? ''}`.trim())),
    upstreamDeletes: trials.reduce((n, t) => n + t.upstreamDeletes, 0),
    landedAfterAnswer: trials.reduce((n, t) => n + t.landedAfterAnswer, 0),
    untrueAnswers: trials.reduce((n, t) => n + t.untrue.length, 0),
    badTrials: trials.filter((t) => t.lockout || t.untrue.length > 0).slice(0, 20),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

/** Runs the no-fault and the slow-DELETE condition on one setup, saves and checks the figures. */
async function runBoth(
  setup: Setup,
  where: { key: 'one' | 'two'; title: string; redis: boolean },
): Promise<void> {
  const conditions = [
    await runCondition(setup, {
      key: `${where.key}-none`,
      title: `${where.title}, no fault`,
      slow: false,
      redis: where.redis,
    }),
    await runCondition(setup, {
      key: `${where.key}-slow`,
      title: `${where.title}, DELETE slower than the write timeout`,
      slow: true,
      redis: where.redis,
    }),
  ];
  const figures: LockoutFigures = {
    trialsPerCondition: TRIALS,
    writeTimeoutMs: WRITE_TIMEOUT_MS,
    latencyMs: LATENCY_MS,
    offsetsMs: OFFSETS_MS.slow,
    offsetsWithoutFaultMs: OFFSETS_MS.none,
    conditions,
  };
  saveFigures(`lockouts-${where.key}`, figures);
  for (const c of conditions) expect.soft(c.lockouts, `${c.title}: lockouts`).toBe(0);
  for (const c of conditions) expect.soft(c.untrueAnswers, `${c.title}: untrue answers`).toBe(0);
}

const APP_ENV = { AUTH0_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS), REAUTH_MAX_AGE: '3600' };

test('lockouts: one instance, without and with slow DELETEs', async ({
  page,
  tenant,
  launchApp,
  signInWithPasskey,
}) => {
  test.setTimeout(420_000);
  const truth = tenantTruth(tenant.url);
  const app = await launchApp(APP_ENV);
  // The instance keeps its sessions in its own SQLite file, which survives its restarts.
  const cookie = await signedInBob(page, signInWithPasskey, app.url);
  // The route limit counts removals per user per minute in the instance's memory; restart the
  // instance (forgetting its limits, locks and pending removals) before that budget runs out.
  let spent = 0;
  const setup: Setup = {
    tenant,
    truth,
    instances: [app],
    cookie,
    freeLimits: async (points) => {
      if (spent + points <= CHANGE_POINTS_PER_MINUTE) {
        spent += points;
        return;
      }
      await app.stop({ kill: true });
      await app.start();
      spent = points;
    },
  };
  await runBoth(setup, { key: 'one', title: 'one instance', redis: false });
});

test('lockouts: two instances sharing Redis, without and with slow DELETEs', async ({
  page,
  tenant,
  launchApp,
  signInWithPasskey,
}) => {
  test.setTimeout(420_000);
  const truth = tenantTruth(tenant.url);
  const redis = await startRedisServer();
  const admin = redisAdmin(redis.url);
  try {
    const env = { ...APP_ENV, REDIS_URL: redis.url };
    const instances = await Promise.all([launchApp(env), launchApp(env)]);
    // Sessions live in the shared Redis: signed in at one instance, bob is signed in at both.
    const cookie = await signedInBob(page, signInWithPasskey, instances[0]?.url ?? '');
    // The limits live in Redis here: forget their counters before each trial.
    const setup: Setup = {
      tenant,
      truth,
      instances,
      cookie,
      freeLimits: () => admin.clearLimits(),
    };
    await runBoth(setup, { key: 'two', title: 'two instances + Redis', redis: true });
  } finally {
    admin.close();
    await redis.dispose();
  }
});
