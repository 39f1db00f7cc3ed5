import { expect, test } from '../e2e/fixtures';
import type { Restartable } from '../e2e/support/processes';
import { startRedisServer } from '../test/local-servers';
import { as, cookieHeader, redisAdmin, saveFigures, tally } from './support/figures';
import { send } from './support/http';
import { currentKid, type SigningKey, tenantTruth } from './support/truth';
import type { RotationFigures, RotationResult } from './support/types';

// (e) Five concurrent rotations (and five concurrent rotate-and-revokes) by one admin: how many
// rotations and revocations the tenant saw. Auth0 allows 5 rotations a day.

const ROTATE_ROUTE = 'POST /api/v2/keys/signing/rotate';
const REVOKE_ROUTE = 'PUT /api/v2/keys/signing/:kid/revoke';
const CONCURRENT = 5;

/** How far the current key moved along the chain of keys, by comparing before and after. */
function steps(before: SigningKey[], after: SigningKey[]): number {
  const was = currentKid(before);
  const now = currentKid(after);
  if (was === now) return 0;
  const wasNext = before.find((k) => k.next)?.kid;
  return now === wasNext ? 1 : 2; // 2 = more than one rotation
}

test('concurrent rotations collapse into one', async ({ page, tenant, launchApp, signIn }) => {
  test.setTimeout(180_000);
  const truth = tenantTruth(tenant.url);
  const env = { REAUTH_MAX_AGE: '3600' };
  const results: RotationResult[] = [];

  const measure = async (
    instances: Restartable[],
    action: RotationResult['action'],
    setup: string,
  ) => {
    await tenant.reset({ keys: true });
    await tenant.clearStats();
    const before = await truth.keys();
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => {
        const base = instances[i % instances.length]?.url ?? '';
        return send(base, `/api/admin/signing-keys/${action}`, {
          method: 'POST',
          headers: as(cookie, base),
        });
      }),
    );
    const { routes } = await tenant.stats();
    const after = await truth.keys();
    results.push({
      action,
      setup,
      requests: CONCURRENT,
      statuses: tally(answers.map((a) => a.status)),
      rotationsSeen: routes[ROTATE_ROUTE] ?? 0,
      revocationsSeen: routes[REVOKE_ROUTE] ?? 0,
      currentKeySteps: steps(before, after),
      revokedKeys: after.filter((k) => k.revoked).length,
    });
  };

  const one = await launchApp(env);
  await signIn(page, 'admin', one.url);
  let cookie = await cookieHeader(page.context());
  await measure([one], 'rotate', 'one instance');
  // A fresh process: nothing remembered from the rotations above (the session stays on disk).
  await one.stop({ kill: true });
  await one.start();
  await measure([one], 'rotate-and-revoke', 'one instance');
  await one.close();

  const redis = await startRedisServer();
  try {
    const pair = await Promise.all([
      launchApp({ ...env, REDIS_URL: redis.url }),
      launchApp({ ...env, REDIS_URL: redis.url }),
    ]);
    await signIn(page, 'admin', pair[0]?.url);
    cookie = await cookieHeader(page.context());
    await measure(pair, 'rotate', 'two instances + Redis');
    // Forget the rotation mark the first measurement left in Redis.
    const admin = redisAdmin(redis.url);
    await admin.clearAppState();
    admin.close();
    await measure(pair, 'rotate-and-revoke', 'two instances + Redis');
  } finally {
    await redis.dispose();
  }

  const figures: RotationFigures = { concurrent: CONCURRENT, results };
  saveFigures('rotations', figures);
  for (const r of results) {
    expect.soft(r.rotationsSeen, `${r.action}, ${r.setup}: rotations`).toBe(1);
    expect.soft(r.currentKeySteps, `${r.action}, ${r.setup}: key steps`).toBe(1);
  }
});
