// The lock's TTL, the work deadline under it and the client timeouts, in one place so a unit test
// (timing.test.ts) and the configuration check (lib/env.ts) can prove they fit together: no
// request of Keyward's to Auth0 may still be in flight once another holder can take the lock.
// No imports: lib/env.ts validates against these before anything else is loaded.

/** How long a Redis lock lives if its holder dies (a crashed instance blocks a user this long). */
export const LOCK_TTL_MS = 30_000;

/**
 * Everything done under a lock ends this long after the lock was taken: at that moment every
 * request to Auth0 still open (the SDK's token request included) is aborted (lib/core/work-scope.ts,
 * the fetch in lib/management/client.ts), and so is every one still open when the work returns.
 */
export const WORK_BUDGET_MS = 18_000;

/** Kept back from a write for the read that learns what it did when its answer is lost. */
export const REREAD_RESERVE_MS = 4000;

/**
 * Redis starts a lock's TTL when it runs `SET … NX PX`; we learn we hold it up to one command
 * timeout later (a slower answer fails the command), and only then does the work's clock start.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 1500;

/** How late a timer or an abort may run on a busy event loop; the arithmetic allows this much. */
export const TIMER_SLACK_MS = 2000;

/**
 * How long a write Auth0 did not confirm may still land after the work that sent it ended (its
 * request aborted, Auth0 may be mid-way): records of unknown outcomes are kept at least this long.
 */
export const LANDING_HORIZON_MS = 120_000;

/**
 * How long an Idempotency-Key's first request may run before a repeat stops waiting on it: it
 * must outlast waiting for the lock and the work under it (checked below).
 */
export const IDEMPOTENCY_IN_PROGRESS_MS = 60_000;

/** The SDK's own fixed timeout on its token request, which our fetch cuts short at the deadline. */
export const SDK_TOKEN_TIMEOUT_MS = 10_000;

export type LockTiming = {
  lockTtlMs: number;
  workBudgetMs: number;
  rereadReserveMs: number;
  redisCommandTimeoutMs: number;
  timerSlackMs: number;
  readTimeoutMs: number;
  writeTimeoutMs: number;
  /** LOCK_WAIT_MS: how long a request waits for the lock before 409 `busy`. */
  lockWaitMs: number;
  idempotencyInProgressMs: number;
};

export const LOCK_TIMING: Omit<LockTiming, 'readTimeoutMs' | 'writeTimeoutMs' | 'lockWaitMs'> = {
  idempotencyInProgressMs: IDEMPOTENCY_IN_PROGRESS_MS,
  lockTtlMs: LOCK_TTL_MS,
  workBudgetMs: WORK_BUDGET_MS,
  rereadReserveMs: REREAD_RESERVE_MS,
  redisCommandTimeoutMs: REDIS_COMMAND_TIMEOUT_MS,
  timerSlackMs: TIMER_SLACK_MS,
};

/**
 * The latest moment, in ms after Redis started the lock's TTL, at which a request of ours under
 * the lock can still be open: the work's clock starts at most one Redis command timeout late, and
 * every request is aborted at the work deadline, give or take the timer slack.
 */
export const lastRequestEndMs = (t: LockTiming): number =>
  t.redisCommandTimeoutMs + t.workBudgetMs + t.timerSlackMs;

/**
 * Every way the settings break the arithmetic, in words for the operator; empty when they fit.
 * 1. Safety: the last request ends before the TTL frees the lock.
 * 2. Usefulness: a read at its full timeout, then a write at its full timeout, then the re-read
 *    reserve fit the work budget, so a write is never cut short by a slow read before it.
 * 3. Idempotency: a first request (waiting for the lock, then its work) ends before a repeat with
 *    the same Idempotency-Key stops waiting for it and runs again.
 */
export function lockTimingProblems(t: LockTiming): string[] {
  const problems: string[] = [];
  const lastEnd = lastRequestEndMs(t);
  if (lastEnd >= t.lockTtlMs) {
    problems.push(
      `a request may still be open ${lastEnd} ms after the lock was taken, but the lock's TTL is ${t.lockTtlMs} ms`,
    );
  }
  const sequence = t.readTimeoutMs + t.writeTimeoutMs + t.rereadReserveMs;
  if (sequence > t.workBudgetMs) {
    problems.push(
      `AUTH0_READ_TIMEOUT_MS (${t.readTimeoutMs}) + AUTH0_WRITE_TIMEOUT_MS (${t.writeTimeoutMs}) + the ${t.rereadReserveMs} ms kept for the re-read must be at most the ${t.workBudgetMs} ms a change may take under its lock; lower one of the timeouts`,
    );
  }
  const firstRequestMs = t.lockWaitMs + t.redisCommandTimeoutMs + t.workBudgetMs + t.timerSlackMs;
  if (firstRequestMs > t.idempotencyInProgressMs) {
    problems.push(
      `LOCK_WAIT_MS (${t.lockWaitMs}) + the ${t.workBudgetMs} ms a change may take under its lock must leave a request done within ${t.idempotencyInProgressMs} ms, or a repeat with its Idempotency-Key would run it twice; lower LOCK_WAIT_MS to at most ${t.idempotencyInProgressMs - (firstRequestMs - t.lockWaitMs)}`,
    );
  }
  return problems;
}
