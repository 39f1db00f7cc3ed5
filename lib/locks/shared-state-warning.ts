import 'server-only';
import { log } from '@/lib/core/log';
import { getEnv } from '@/lib/env';

// Without REDIS_URL the per-user lock, the spent challenges and the limits live in each process,
// and the sessions and pending removals in an SQLite file per data folder (per machine). Behind a
// load balancer two instances then check "is this the last passkey?" each on its own, and a
// person can be locked out (seen in 8 of 30 trials). Say so at start-up. (Whether requests come through a proxy tells
// nothing: Next sets X-Forwarded-For itself on every request.)

const MESSAGE =
  'Keyward runs without REDIS_URL but is served by several instances (INSTANCES). Its per-user locks are then per instance, and concurrent removals on two instances can lock a person out; and each instance keeps its own sessions, so a sign-in or a sign-out on one is unknown to the others. Set REDIS_URL.';

/** At start-up: INSTANCES > 1 without Redis. */
export function warnAtStartup(): void {
  const { redisUrl, instances } = getEnv();
  if (!redisUrl && instances > 1) {
    log('warn', 'no_shared_state', { message: MESSAGE, instances });
  }
}
