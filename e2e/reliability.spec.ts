import { DEMO_USERS } from '../local-tenant/src/seed';
import { as, cookieHeader } from '../reliability/support/figures';
import { errorCode, send, sleep } from '../reliability/support/http';
import { passkeysOf, tenantTruth } from '../reliability/support/truth';
import { startRedisServer } from '../test/local-servers';
import { expect, test } from './fixtures';

// A fast subset of the reliability suite (npm run test:reliability, docs/reliability.md): the
// promises of issue 11 that must never regress.

const BOB = DEMO_USERS.bob.user_id;
const DELETE_ROUTE = 'DELETE /api/v2/users/:id/authentication-methods/:method_id';

test('10 removal races with DELETEs slower than the write timeout: bob always keeps a passkey', async ({
  page,
  tenant,
  launchApp,
  signInWithPasskey,
}) => {
  test.setTimeout(90_000);
  const truth = tenantTruth(tenant.url);
  const app = await launchApp({ AUTH0_WRITE_TIMEOUT_MS: '400', REAUTH_MAX_AGE: '3600' });
  await signInWithPasskey(page, 'bob', 0, app.url);
  const cookie = await cookieHeader(page.context());
  await tenant.fault({ route: DELETE_ROUTE, latencyMs: 900 });
  const outcomes: string[] = [];
  for (let trial = 0; trial < 10; trial++) {
    await tenant.reset();
    await tenant.clearStats();
    const ids = passkeysOf(await truth.methods(BOB)).map((m) => m.id);
    expect(ids).toHaveLength(2);
    const remove = (id: string | undefined) =>
      send(app.url, `/api/factors/${encodeURIComponent(id ?? '')}`, {
        method: 'DELETE',
        headers: as(cookie, app.url),
      });
    // The second removal at once, while the first DELETE is in flight, or after its 202.
    const first = remove(ids[trial % 2]);
    await sleep([0, 200, 400, 600][trial % 4] ?? 0);
    const answers = await Promise.all([first, remove(ids[(trial + 1) % 2])]);
    // Every upstream DELETE reached the tenant before Keyward answered, and lands within 900 ms
    // of that: wait until all of them have landed, or 900 ms.
    const until = Date.now() + 900;
    let left = passkeysOf(await truth.methods(BOB));
    while (Date.now() < until) {
      const sent = (await tenant.stats()).routes[DELETE_ROUTE] ?? 0;
      if (2 - left.length >= sent) break;
      await sleep(50);
      left = passkeysOf(await truth.methods(BOB));
    }
    outcomes.push(`${answers.map((a) => a.status).join('/')} → ${left.length} left`);
    expect(left.length, outcomes.join(', ')).toBeGreaterThanOrEqual(1);
    for (const a of answers) expect([200, 202, 409]).toContain(a.status);
  }
});

test('with Redis down a removal answers 503 with Retry-After and removes nothing', async ({
  page,
  tenant,
  launchApp,
  signInWithPasskey,
}) => {
  test.setTimeout(60_000);
  const truth = tenantTruth(tenant.url);
  // Persistent, as a production Redis (the session lives there too).
  const redis = await startRedisServer({ persistent: true });
  try {
    const app = await launchApp({ REDIS_URL: redis.url });
    await signInWithPasskey(page, 'bob', 0, app.url);
    const cookie = await cookieHeader(page.context());
    const before = passkeysOf(await truth.methods(BOB)).map((m) => m.id);
    await tenant.clearStats();
    await redis.down();
    const answer = await send(app.url, `/api/factors/${encodeURIComponent(before[0] ?? '')}`, {
      method: 'DELETE',
      headers: as(cookie, app.url),
    });
    expect(answer.status).toBe(503);
    expect(errorCode(answer)).toBe('store_unavailable');
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    expect((await tenant.stats()).routes[DELETE_ROUTE] ?? 0).toBe(0);
    expect(passkeysOf(await truth.methods(BOB)).map((m) => m.id)).toEqual(before);
  } finally {
    await redis.dispose();
  }
});

test('malformed percent-encoding gets our JSON 400 with our security headers', async ({ app }) => {
  for (const path of ['/api/factors/%', '/api/factors/%E0%A4%A', '/security/%']) {
    const answer = await send(app.url, path);
    expect(answer.status, path).toBe(400);
    expect(answer.headers['content-type'], path).toContain('application/json');
    expect(errorCode(answer), path).toBe('bad_request');
    expect(answer.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
    expect(answer.headers['x-frame-options'], path).toBe('DENY');
  }
});

test('5 concurrent rotations make one rotation', async ({ page, app, tenant, signIn }) => {
  await tenant.reset({ keys: true });
  await signIn(page, 'admin');
  const cookie = await cookieHeader(page.context());
  await tenant.clearStats();
  const answers = await Promise.all(
    Array.from({ length: 5 }, () =>
      send(app.url, '/api/admin/signing-keys/rotate', {
        method: 'POST',
        headers: as(cookie, app.url),
      }),
    ),
  );
  expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
  expect((await tenant.stats()).routes['POST /api/v2/keys/signing/rotate']).toBe(1);
});
