import type { APIResponse, Page } from '@playwright/test';
import { expect, type TenantControls, test } from '../e2e/fixtures';
import type { Restartable } from '../e2e/support/processes';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { type RedisServer, startRedisServer } from '../test/local-servers';
import { as, cookieHeader, redisAdmin, saveFigures } from './support/figures';
import { type Answer, errorCode, json, send, sleep } from './support/http';
import { currentKid, type Method, passkeysOf, type SigningKey, tenantTruth } from './support/truth';
import { type Cell, FAULTS, type Fault, type MatrixFigures, type Verdict } from './support/types';

// (b) The fault matrix: every fault × every operation, one cell at a time, on one Keyward
// instance that shares its state through a real redis-server. Each cell starts from the seed
// with Redis emptied, injects one fault on the upstream call the operation depends on, makes the
// request, clears the fault, waits until a delayed upstream write has landed (or its latency has
// passed), and then compares Keyward's answer with what the tenant really holds.

const WRITE_TIMEOUT_MS = 400;
const READ_TIMEOUT_MS = 1000;
/** nextjs-auth0's own timeout (httpTimeout, default 5000 ms) for discovery and My Account calls. */
const SDK_HTTP_TIMEOUT_MS = 5000;

const ALICE = DEMO_USERS.alice.user_id;
const BOB = DEMO_USERS.bob.user_id;

const R = {
  discovery: 'GET /.well-known/openid-configuration',
  listMethods: 'GET /api/v2/users/:id/authentication-methods',
  updateMethod: 'PATCH /api/v2/users/:id/authentication-methods/:method_id',
  deleteMethod: 'DELETE /api/v2/users/:id/authentication-methods/:method_id',
  createMethod: 'POST /api/v2/users/:id/authentication-methods',
  passkeyVerify: 'POST /me/v1/authentication-methods/:id/verify',
  rotate: 'POST /api/v2/keys/signing/rotate',
  revoke: 'PUT /api/v2/keys/signing/:kid/revoke',
} as const;

/** What an answer said happened upstream. */
type Claim = 'done' | 'not done' | 'unknown' | 'no write';
type Facts = {
  summary: string;
  lost: string | null;
  verdict: Verdict;
  claim: string;
  note?: string;
};

type Ctx = {
  base: string;
  /** An instance that has never fetched the tenant's discovery document (restarted per cell). */
  fresh: Restartable;
  tenant: TenantControls;
  truth: ReturnType<typeof tenantTruth>;
  cookies: { alice: string; bob: string; admin: string };
  pages: { securityKey: Page; passkey: Page };
  refreshAlice: () => Promise<void>;
};

type Op<P> = {
  name: string;
  keys?: boolean;
  routes: string[];
  latencyMs: number;
  prepare: (ctx: Ctx) => Promise<P>;
  run: (ctx: Ctx, p: P) => Promise<Answer>;
  /** True once the write the fault delayed is visible upstream (ends the wait early). */
  landed?: (ctx: Ctx, p: P) => Promise<boolean>;
  judge: (ctx: Ctx, p: P, answer: Answer) => Promise<Facts>;
};

const verdictOf = (claim: Claim, happened: boolean): Verdict => {
  if (claim === 'unknown') return 'hedged';
  if (claim === 'no write') return 'n/a';
  return (claim === 'done') === happened ? 'true' : 'UNTRUE';
};

/** Methods of `before` that are gone from `after`, other than those the user asked to remove. */
function lostMethods(before: Method[], after: Method[], asked: string[] = []): string | null {
  const ids = new Set(after.map((m) => m.id));
  const gone = before.filter((m) => !ids.has(m.id) && !asked.includes(m.id));
  return gone.length > 0 ? `${gone.map((m) => m.type).join(', ')} removed unasked` : null;
}

function lostKeys(before: SigningKey[], after: SigningKey[], mayRevoke: string[]): string | null {
  const problems: string[] = [];
  const current = after.find((k) => k.current);
  if (!current) problems.push('no current key');
  else if (current.revoked) problems.push('current key revoked');
  for (const k of after) {
    const was = before.find((b) => b.kid === k.kid);
    if (k.revoked && !was?.revoked && !mayRevoke.includes(k.kid)) {
      problems.push(`key ${k.kid.slice(0, 8)} revoked unasked`);
    }
  }
  return problems.length > 0 ? problems.join('; ') : null;
}

/** An APIResponse as an Answer (the cell measures the time itself). */
async function fromApi(call: () => Promise<APIResponse>): Promise<Answer> {
  try {
    const res = await call();
    return { status: res.status(), headers: res.headers(), text: await res.text(), ms: 0 };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { status: 0, headers: {}, text: '', ms: 0, error: message };
  }
}

/** Runs navigator.credentials.create in the page with options JSON from Keyward. */
async function createCredential(page: Page, options: unknown): Promise<{ id: string }> {
  // WebAuthn needs the focused tab: alice has one for passkeys and one for security keys.
  await page.bringToFront();
  return page.evaluate(async (json) => {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
      json as PublicKeyCredentialCreationOptionsJSON,
    );
    const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
    return credential.toJSON() as { id: string };
  }, options);
}

/**
 * Starting a sign-in. nextjs-auth0 fetches the tenant's discovery document once per process and
 * keeps it, so a running instance redirects to the tenant whatever the tenant's state; a process
 * started during the outage has to fetch it. Both are measured.
 */
function signIn(instance: 'fresh' | 'running'): Op<null> {
  return {
    name: `sign-in (GET /auth/login), ${instance} instance`,
    routes: [R.discovery],
    latencyMs: SDK_HTTP_TIMEOUT_MS + 1000,
    prepare: async (ctx) => {
      if (instance === 'fresh') {
        await ctx.fresh.stop({ kill: true });
        await ctx.fresh.start();
      }
      return null;
    },
    run: (ctx) => send(instance === 'fresh' ? ctx.fresh.url : ctx.base, '/auth/login'),
    judge: signInJudge,
  };
}

async function signInJudge(ctx: Ctx, _p: null, a: Answer): Promise<Facts> {
  const to = a.headers.location ?? '';
  const tenantOrigin = new URL(ctx.tenant.url).origin;
  const summary =
    a.status >= 300 && a.status < 400 && to.startsWith(tenantOrigin)
      ? 'redirected to the tenant'
      : a.status === 503
        ? 'sign-in unavailable page'
        : `answered ${a.status}`;
  return { summary, lost: null, verdict: 'n/a', claim: 'no write' };
}

type ListPrep = { before: Method[] };
const list: Op<ListPrep> = {
  name: 'list (GET /api/factors)',
  routes: [R.listMethods],
  latencyMs: READ_TIMEOUT_MS + 500,
  prepare: async (ctx) => ({ before: await ctx.truth.methods(ALICE) }),
  run: (ctx) => send(ctx.base, '/api/factors', { headers: { cookie: ctx.cookies.alice } }),
  judge: async (ctx, p, a) => {
    const after = await ctx.truth.methods(ALICE);
    const lost = lostMethods(p.before, after);
    if (a.status !== 200) {
      return { summary: 'unchanged', lost, verdict: 'true', claim: 'error (nothing shown)' };
    }
    // A list must show exactly the passkeys and security keys the tenant holds.
    const shown = new Set(
      (json<{ factors: { id: string }[] }>(a)?.factors ?? []).map((f) => f.id).sort(),
    );
    const held = after.filter((m) => m.type === 'passkey' || m.type === 'webauthn-roaming');
    const missing = held.filter((m) => !shown.has(m.id));
    return {
      summary: missing.length === 0 ? 'list matched' : `${missing.length} methods not shown`,
      lost,
      verdict: missing.length === 0 ? 'true' : 'UNTRUE',
      claim: 'listed',
    };
  },
};

type RenamePrep = { id: string; name: string; before: Method[] };
const rename: Op<RenamePrep> = {
  name: 'rename (PATCH /api/factors/:id)',
  routes: [R.updateMethod],
  latencyMs: WRITE_TIMEOUT_MS + 500,
  prepare: async (ctx) => {
    const before = await ctx.truth.methods(ALICE);
    const key = before.find((m) => m.type === 'webauthn-roaming');
    if (!key) throw new Error('alice has no security key');
    return { id: key.id, name: `Desk key ${Date.now() % 100000}`, before };
  },
  run: (ctx, p) =>
    send(ctx.base, `/api/factors/${encodeURIComponent(p.id)}`, {
      method: 'PATCH',
      headers: { ...as(ctx.cookies.alice, ctx.base), 'content-type': 'application/json' },
      body: JSON.stringify({ name: p.name }),
    }),
  landed: async (ctx, p) =>
    (await ctx.truth.methods(ALICE)).some((m) => m.id === p.id && m.name === p.name),
  judge: async (ctx, p, a) => {
    const after = await ctx.truth.methods(ALICE);
    const happened = after.some((m) => m.id === p.id && m.name === p.name);
    const claim: Claim =
      a.status === 200 ? 'done' : errorCode(a) === 'outcome_unknown' ? 'unknown' : 'not done';
    return {
      summary: happened ? 'renamed' : 'not renamed',
      lost: lostMethods(p.before, after),
      verdict: verdictOf(claim, happened),
      claim,
    };
  },
};

type DeletePrep = { target: string; other: string; before: Method[] };
const remove: Op<DeletePrep> = {
  name: 'delete (DELETE /api/factors/:id, bob)',
  routes: [R.deleteMethod],
  latencyMs: WRITE_TIMEOUT_MS + 500,
  prepare: async (ctx) => {
    const before = await ctx.truth.methods(BOB);
    const [target, other] = passkeysOf(before).map((m) => m.id);
    if (!target || !other) throw new Error('bob needs two passkeys');
    return { target, other, before };
  },
  run: (ctx, p) =>
    send(ctx.base, `/api/factors/${encodeURIComponent(p.target)}`, {
      method: 'DELETE',
      headers: as(ctx.cookies.bob, ctx.base),
    }),
  landed: async (ctx, p) => !(await ctx.truth.methods(BOB)).some((m) => m.id === p.target),
  judge: async (ctx, p, a) => {
    const mid = await ctx.truth.methods(BOB);
    const happened = !mid.some((m) => m.id === p.target);
    const claim: Claim =
      a.status === 200 || a.status === 404 ? 'done' : a.status === 202 ? 'unknown' : 'not done';
    // Then bob asks to remove his other passkey, with no fault: Keyward must not let that
    // leave him with nothing, whatever the first answer was.
    const followUp = await send(ctx.base, `/api/factors/${encodeURIComponent(p.other)}`, {
      method: 'DELETE',
      headers: as(ctx.cookies.bob, ctx.base),
    });
    await sleep(100);
    const after = await ctx.truth.methods(BOB);
    const asked = [p.target, ...(followUp.status < 300 ? [p.other] : [])];
    const lost =
      passkeysOf(after).length === 0
        ? `bob has no passkey left (follow-up removal answered ${followUp.status})`
        : lostMethods(p.before, after, asked);
    return {
      summary: `${happened ? 'removed' : 'kept'}; follow-up removal of the other: ${followUp.status}`,
      lost,
      verdict: verdictOf(claim, happened),
      claim,
    };
  },
};

type EnrolPrep = { response: { id: string }; before: Method[] };

function enrolOp(kind: 'security key' | 'passkey'): Op<EnrolPrep> {
  const path = kind === 'passkey' ? '/api/passkeys' : '/api/security-keys';
  const type = kind === 'passkey' ? 'passkey' : 'webauthn-roaming';
  const stored = async (ctx: Ctx, id: string) =>
    (await ctx.truth.methods(ALICE)).some((m) => m.type === type && m.key_id === id);
  return {
    name: `enrol ${kind} (POST ${path})`,
    routes: [kind === 'passkey' ? R.passkeyVerify : R.createMethod],
    latencyMs: kind === 'passkey' ? SDK_HTTP_TIMEOUT_MS + 1000 : WRITE_TIMEOUT_MS + 500,
    prepare: async (ctx) => {
      const page = kind === 'passkey' ? ctx.pages.passkey : ctx.pages.securityKey;
      const begin = () =>
        page.request.post(`${ctx.base}${path}/options`, { headers: { origin: ctx.base } });
      let options = await begin();
      if (options.status() === 401) {
        // The My Account token comes from alice's refresh token, which a tenant restart forgets.
        await ctx.refreshAlice();
        options = await begin();
      }
      if (options.status() !== 200) {
        throw new Error(`${path}/options answered ${options.status()} ${await options.text()}`);
      }
      const body = (await options.json()) as { options: unknown };
      const response = await createCredential(page, body.options);
      return { response, before: await ctx.truth.methods(ALICE) };
    },
    run: (ctx, p) => {
      const page = kind === 'passkey' ? ctx.pages.passkey : ctx.pages.securityKey;
      return fromApi(() =>
        page.request.post(`${ctx.base}${path}`, {
          headers: { origin: ctx.base },
          data: { response: p.response, name: `Matrix ${kind}` },
          timeout: 30_000,
        }),
      );
    },
    landed: (ctx, p) => stored(ctx, p.response.id),
    judge: async (ctx, p, a) => {
      const happened = await stored(ctx, p.response.id);
      const claim: Claim =
        a.status === 201 ? 'done' : errorCode(a) === 'outcome_unknown' ? 'unknown' : 'not done';
      return {
        summary: happened ? 'added' : 'not added',
        lost: lostMethods(p.before, await ctx.truth.methods(ALICE)),
        verdict: verdictOf(claim, happened),
        claim,
      };
    },
  };
}

type KeysPrep = { before: SigningKey[]; target?: string };
const keysPath = '/api/admin/signing-keys';

const rotate: Op<KeysPrep> = {
  name: 'rotate (POST …/rotate)',
  keys: true,
  routes: [R.rotate],
  latencyMs: WRITE_TIMEOUT_MS + 500,
  prepare: async (ctx) => ({ before: await ctx.truth.keys() }),
  run: (ctx) =>
    send(ctx.base, `${keysPath}/rotate`, {
      method: 'POST',
      headers: as(ctx.cookies.admin, ctx.base),
    }),
  landed: async (ctx, p) => currentKid(await ctx.truth.keys()) !== currentKid(p.before),
  judge: async (ctx, p, a) => {
    const after = await ctx.truth.keys();
    const happened = currentKid(after) !== currentKid(p.before);
    const claim: Claim =
      a.status === 201 || a.status === 200
        ? 'done'
        : errorCode(a) === 'outcome_unknown'
          ? 'unknown'
          : 'not done';
    return {
      summary: happened ? 'rotated' : 'not rotated',
      lost: lostKeys(p.before, after, []),
      verdict: verdictOf(claim, happened),
      claim,
    };
  },
};

const revoke: Op<KeysPrep> = {
  name: 'revoke (POST …/:kid/revoke)',
  keys: true,
  routes: [R.revoke],
  latencyMs: WRITE_TIMEOUT_MS + 500,
  prepare: async (ctx) => {
    // A previously used key to revoke: rotate once at the tenant itself.
    await ctx.truth.rotate();
    const before = await ctx.truth.keys();
    const target = before.find((k) => k.previous && !k.revoked)?.kid;
    if (!target) throw new Error('no previous key after rotating');
    return { before, target };
  },
  run: (ctx, p) =>
    send(ctx.base, `${keysPath}/${encodeURIComponent(p.target ?? '')}/revoke`, {
      method: 'POST',
      headers: as(ctx.cookies.admin, ctx.base),
    }),
  landed: async (ctx, p) => (await ctx.truth.keys()).some((k) => k.kid === p.target && k.revoked),
  judge: async (ctx, p, a) => {
    const after = await ctx.truth.keys();
    const happened = after.some((k) => k.kid === p.target && k.revoked);
    const claim: Claim =
      a.status === 200 ? 'done' : errorCode(a) === 'outcome_unknown' ? 'unknown' : 'not done';
    return {
      summary: happened ? 'revoked' : 'not revoked',
      lost: lostKeys(p.before, after, p.target ? [p.target] : []),
      verdict: verdictOf(claim, happened),
      claim,
    };
  },
};

function rotateAndRevoke(faultOn: 'rotate' | 'revoke'): Op<KeysPrep> {
  return {
    name: `rotate-and-revoke, fault on its ${faultOn}`,
    keys: true,
    routes: [faultOn === 'rotate' ? R.rotate : R.revoke],
    latencyMs: WRITE_TIMEOUT_MS + 500,
    prepare: async (ctx) => {
      const before = await ctx.truth.keys();
      return { before, target: currentKid(before) ?? undefined };
    },
    run: (ctx) =>
      send(ctx.base, `${keysPath}/rotate-and-revoke`, {
        method: 'POST',
        headers: as(ctx.cookies.admin, ctx.base),
      }),
    landed: async (ctx, p) => {
      const after = await ctx.truth.keys();
      const rotated = currentKid(after) !== p.target;
      return faultOn === 'rotate'
        ? rotated
        : rotated && after.some((k) => k.kid === p.target && k.revoked);
    },
    judge: async (ctx, p, a) => {
      const after = await ctx.truth.keys();
      const rotated = currentKid(after) !== p.target;
      const revoked = after.some((k) => k.kid === p.target && k.revoked);
      const code = errorCode(a);
      // What the answer said about each of the two writes.
      const said: { rotated: Claim; revoked: Claim } =
        a.status === 201
          ? { rotated: 'done', revoked: 'done' }
          : code === 'revoke_failed_after_rotate'
            ? { rotated: 'done', revoked: 'not done' }
            : code === 'revoke_unconfirmed_after_rotate'
              ? { rotated: 'done', revoked: 'unknown' }
              : code === 'outcome_unknown'
                ? { rotated: 'unknown', revoked: 'not done' }
                : { rotated: 'not done', revoked: 'not done' };
      const verdicts = [verdictOf(said.rotated, rotated), verdictOf(said.revoked, revoked)];
      const verdict: Verdict = verdicts.includes('UNTRUE')
        ? 'UNTRUE'
        : verdicts.includes('hedged')
          ? 'hedged'
          : 'true';
      const message = json<{ error?: { message?: string } }>(a)?.error?.message;
      return {
        summary: `${rotated ? 'rotated' : 'not rotated'}, ${revoked ? 'old key revoked' : 'old key not revoked'}`,
        lost: lostKeys(p.before, after, p.target ? [p.target] : []),
        verdict,
        claim: `rotation ${said.rotated}, revocation ${said.revoked}`,
        ...(verdict === 'UNTRUE' && message ? { note: message } : {}),
      };
    },
  };
}

const OPS = [
  signIn('fresh'),
  signIn('running'),
  // Passkeys first: they need alice's refresh token, which a tenant restart forgets.
  enrolOp('passkey'),
  list,
  rename,
  remove,
  enrolOp('security key'),
  rotate,
  revoke,
  rotateAndRevoke('rotate'),
  rotateAndRevoke('revoke'),
] as Op<unknown>[];

async function injectFault(ctx: Ctx, op: Op<unknown>, fault: Fault, redis: RedisServer) {
  if (fault === 'tenant down') return ctx.tenant.stop({ kill: true });
  if (fault === 'redis down') return redis.down();
  for (const route of op.routes) {
    if (fault === 'latency') await ctx.tenant.fault({ route, latencyMs: op.latencyMs });
    else if (fault === 'reset') await ctx.tenant.fault({ route, reset: true });
    else await ctx.tenant.fault({ route, status: Number(fault) });
  }
}

async function clearFault(ctx: Ctx, fault: Fault, redis: RedisServer) {
  if (fault === 'tenant down') {
    await ctx.tenant.start();
    // A restarted tenant takes its rate limit from the environment again: keep it off.
    await fetch(`${ctx.tenant.url}/_local/rate-limit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ perSecond: null }),
    });
  } else if (fault === 'redis down') {
    await redis.up();
    // Wait until the app has its Redis connection back: a removal needs the lock, and answers
    // 404 for a made-up id once it can take it (503 store_unavailable while it cannot).
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const probe = await send(ctx.base, '/api/factors/matrix-probe', {
        method: 'DELETE',
        headers: as(ctx.cookies.bob, ctx.base),
      });
      if (probe.status === 404) break;
      await sleep(250);
    }
  } else {
    await ctx.tenant.clearFaults();
  }
}

test('fault matrix', async ({
  page,
  browser,
  tenant,
  launchApp,
  signIn: passwordSignIn,
  signInWithPasskey,
  authenticator,
}) => {
  test.setTimeout(420_000);
  // Persistent, as a production Redis: sessions and state survive its outage.
  const redis = await startRedisServer({ persistent: true });
  const admin = redisAdmin(redis.url);
  const bobContext = await browser.newContext();
  const adminContext = await browser.newContext();
  try {
    const env = {
      REDIS_URL: redis.url,
      AUTH0_WRITE_TIMEOUT_MS: String(WRITE_TIMEOUT_MS),
      AUTH0_READ_TIMEOUT_MS: String(READ_TIMEOUT_MS),
      REAUTH_MAX_AGE: '3600',
    };
    const [app, fresh] = await Promise.all([launchApp(env), launchApp(env)]);
    if (!app || !fresh) throw new Error('no app instance');
    const bobPage = await bobContext.newPage();
    const adminPage = await adminContext.newPage();
    // Sessions live in the instance's store (Redis): sign in there.
    await passwordSignIn(page, 'alice', app.url);
    await signInWithPasskey(bobPage, 'bob', 0, app.url);
    await passwordSignIn(adminPage, 'admin', app.url);

    // Alice's two ceremony pages on the matrix instance's origin, each with its authenticator.
    const securityKeyPage = page;
    const passkeyPage = await page.context().newPage();
    await authenticator(securityKeyPage, {
      transport: 'usb',
      hasResidentKey: false,
      hasUserVerification: false,
      isUserVerified: false,
    });
    await authenticator(passkeyPage);
    await securityKeyPage.goto(`${app.url}/security`);
    await passkeyPage.goto(`${app.url}/security`);

    const ctx: Ctx = {
      base: app.url,
      fresh,
      tenant,
      truth: tenantTruth(tenant.url),
      cookies: {
        alice: await cookieHeader(page.context()),
        bob: await cookieHeader(bobContext),
        admin: await cookieHeader(adminContext),
      },
      pages: { securityKey: securityKeyPage, passkey: passkeyPage },
      refreshAlice: async () => {
        await passwordSignIn(passkeyPage, 'alice', app.url);
        await passkeyPage.goto(`${app.url}/security`);
        ctx.cookies.alice = await cookieHeader(page.context());
      },
    };

    const cells: Cell[] = [];
    const started = Date.now();
    for (const op of OPS) {
      for (const fault of FAULTS) {
        const cellStarted = Date.now();
        await tenant.reset(op.keys ? { keys: true } : {});
        await admin.clearAppState();
        const prepared = await op.prepare(ctx);
        const t0 = Date.now();
        await injectFault(ctx, op, fault, redis);
        const answer = await op.run(ctx, prepared);
        const answeredAt = Date.now();
        await clearFault(ctx, fault, redis);
        const clearedMs = Date.now() - answeredAt;
        // A delayed write lands at most its latency after it reached the tenant, which was
        // before Keyward answered.
        let dropped = false;
        if (fault === 'latency' && op.landed) {
          const until = answeredAt + op.latencyMs + 300;
          while (Date.now() < until && !(await op.landed(ctx, prepared))) await sleep(100);
          // The tenant applies a latency fault before it reads the request body; when the caller
          // hangs up meanwhile, a write with a body fails to read and is never carried out
          // (Auth0 would have the whole request and carry it out). Such a cell cannot show
          // whether Keyward's answer would have been true.
          const said2xx = answer.status >= 200 && answer.status < 300;
          dropped = !said2xx && !(await op.landed(ctx, prepared));
        }
        const facts = await op.judge(ctx, prepared, answer);
        if (dropped) {
          facts.verdict = 'unmeasured';
          facts.note =
            'the local tenant dropped the delayed write when Keyward stopped waiting (it reads the body after the injected delay)';
        }
        cells.push({
          op: op.name,
          fault,
          status: answer.status,
          code: errorCode(answer),
          retryAfter: answer.headers['retry-after'] ?? null,
          ms: answeredAt - t0,
          phasesMs: { setup: t0 - cellStarted, clear: clearedMs, all: Date.now() - cellStarted },
          claim: facts.claim,
          upstream: facts.summary,
          verdict: facts.verdict,
          lost: facts.lost,
          ...(facts.note ? { note: facts.note } : {}),
          ...(answer.error ? { note: answer.error } : {}),
        });
      }
    }

    const figures: MatrixFigures = {
      writeTimeoutMs: WRITE_TIMEOUT_MS,
      readTimeoutMs: READ_TIMEOUT_MS,
      sdkHttpTimeoutMs: SDK_HTTP_TIMEOUT_MS,
      latencies: Object.fromEntries(OPS.map((o) => [o.name, o.latencyMs])),
      faults: [...FAULTS],
      ops: OPS.map((o) => ({ name: o.name, routes: o.routes })),
      seconds: Math.round((Date.now() - started) / 1000),
      cells,
    };
    saveFigures('fault-matrix', figures);

    for (const c of cells) {
      const where = `${c.op} × ${c.fault}`;
      expect.soft(c.status, `${where}: no 500`).not.toBe(500);
      expect.soft(c.status, `${where}: an HTTP answer`).not.toBe(0);
      expect.soft(c.verdict, `${where}: the answer tells the truth`).not.toBe('UNTRUE');
      expect.soft(c.lost, `${where}: nothing lost`).toBeNull();
      if (c.status === 503 || c.status === 429) {
        expect.soft(c.retryAfter, `${where}: Retry-After`).not.toBeNull();
      }
    }
  } finally {
    await bobContext.close();
    await adminContext.close();
    admin.close();
    await tenant.start();
    await redis.dispose();
  }
});
