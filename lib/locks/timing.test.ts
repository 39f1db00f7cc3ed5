import { createServer, type Server, type Socket } from 'node:net';
import { ManagementClient } from 'auth0';
import { afterEach, describe, expect, it } from 'vitest';
import { runWithinDeadline } from '@/lib/core/work-scope';
import { resolveEnv } from '@/lib/env';
import { scopedFetch } from '@/lib/management/connection';
import { createMemoryLock } from './memory-lock';
import {
  IDEMPOTENCY_IN_PROGRESS_MS,
  LOCK_TIMING,
  LOCK_TTL_MS,
  lastRequestEndMs,
  lockTimingProblems,
  REDIS_COMMAND_TIMEOUT_MS,
  REREAD_RESERVE_MS,
  SDK_TOKEN_TIMEOUT_MS,
  TIMER_SLACK_MS,
  WORK_BUDGET_MS,
} from './timing';

const timingFor = (env: Record<string, string>) => {
  const resolved = resolveEnv(env);
  const { readMs, writeMs } = resolved.mgmtTimeouts;
  return {
    ...LOCK_TIMING,
    readTimeoutMs: readMs,
    writeTimeoutMs: writeMs,
    lockWaitMs: resolved.lockWaitMs,
  };
};

describe('the lock, the work deadline and the client timeouts', () => {
  it('with the defaults, the last request under a lock ends before its TTL frees it', () => {
    const t = timingFor({});
    // Redis starts the TTL; we learn we hold the lock at most one command timeout later; every
    // request (the token request too) is aborted at the work deadline, give or take timer slack.
    const lastEnd = REDIS_COMMAND_TIMEOUT_MS + WORK_BUDGET_MS + TIMER_SLACK_MS;
    expect(lastRequestEndMs(t)).toBe(lastEnd);
    expect(lastEnd).toBeLessThan(LOCK_TTL_MS);
    // A read and a write at their full timeouts, then the re-read reserve, fit the budget.
    expect(t.readTimeoutMs + t.writeTimeoutMs + REREAD_RESERVE_MS).toBeLessThanOrEqual(
      WORK_BUDGET_MS,
    );
    expect(lockTimingProblems(t)).toEqual([]);
  });

  it('without the abort at the deadline, the SDK token timeout alone would not leave the slack', () => {
    // Why the fetch is wrapped: a token request started just before the deadline could run its
    // fixed 10 s past it, so the slack the arithmetic needs would be gone.
    expect(
      REDIS_COMMAND_TIMEOUT_MS + WORK_BUDGET_MS + SDK_TOKEN_TIMEOUT_MS + TIMER_SLACK_MS,
    ).toBeGreaterThan(LOCK_TTL_MS);
  });

  it('every timeout setting the configuration accepts fits; every other one is refused by name', () => {
    let accepted = 0;
    for (let read = 100; read <= 10_000; read += 100) {
      for (let write = 100; write <= 10_000; write += 100) {
        const env = { AUTH0_READ_TIMEOUT_MS: String(read), AUTH0_WRITE_TIMEOUT_MS: String(write) };
        const fits = read + write + REREAD_RESERVE_MS <= WORK_BUDGET_MS;
        if (fits) {
          expect(lockTimingProblems(timingFor(env))).toEqual([]);
          accepted++;
        } else {
          expect(() => resolveEnv(env)).toThrow(
            /Invalid configuration:\n {2}timeouts: AUTH0_READ_TIMEOUT_MS \(\d+\) \+ AUTH0_WRITE_TIMEOUT_MS \(\d+\)/,
          );
        }
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('refuses the largest timeouts together, with a message saying what to change', () => {
    expect(() =>
      resolveEnv({ AUTH0_READ_TIMEOUT_MS: '10000', AUTH0_WRITE_TIMEOUT_MS: '10000' }),
    ).toThrow(
      'timeouts: AUTH0_READ_TIMEOUT_MS (10000) + AUTH0_WRITE_TIMEOUT_MS (10000) + the 4000 ms kept for the re-read must be at most the 18000 ms a change may take under its lock; lower one of the timeouts',
    );
    expect(
      resolveEnv({ AUTH0_READ_TIMEOUT_MS: '6000', AUTH0_WRITE_TIMEOUT_MS: '8000' }),
    ).toBeTruthy();
  });

  it('a first request ends before a repeat with its Idempotency-Key would run it again', () => {
    const t = timingFor({});
    expect(
      t.lockWaitMs + REDIS_COMMAND_TIMEOUT_MS + WORK_BUDGET_MS + TIMER_SLACK_MS,
    ).toBeLessThanOrEqual(IDEMPOTENCY_IN_PROGRESS_MS);
    const longest =
      IDEMPOTENCY_IN_PROGRESS_MS - REDIS_COMMAND_TIMEOUT_MS - WORK_BUDGET_MS - TIMER_SLACK_MS;
    expect(lockTimingProblems(timingFor({ LOCK_WAIT_MS: String(longest) }))).toEqual([]);
    expect(() => resolveEnv({ LOCK_WAIT_MS: String(longest + 1) })).toThrow(
      `timeouts: LOCK_WAIT_MS (${longest + 1}) + the 18000 ms a change may take under its lock must leave a request done within 60000 ms, or a repeat with its Idempotency-Key would run it twice; lower LOCK_WAIT_MS to at most ${longest}`,
    );
  });

  it('reports a last request that would end at the very moment the lock is freed', () => {
    const base = timingFor({});
    const atTtl = {
      ...base,
      workBudgetMs: LOCK_TTL_MS - base.redisCommandTimeoutMs - base.timerSlackMs,
    };
    expect(lastRequestEndMs(atTtl)).toBe(LOCK_TTL_MS);
    expect(lockTimingProblems(atTtl)[0]).toMatch(/TTL is 30000 ms/);
    const justBefore = { ...atTtl, workBudgetMs: atTtl.workBudgetMs - 1 };
    expect(lockTimingProblems(justBefore).some((p) => /TTL is/.test(p))).toBe(false);
  });

  it('reports a work budget that would outlive the lock', () => {
    const problems = lockTimingProblems({ ...timingFor({}), workBudgetMs: LOCK_TTL_MS - 1000 });
    expect(problems[0]).toMatch(/still be open 32500 ms after the lock was taken.*TTL is 30000 ms/);
  });
});

// A server that accepts connections and never answers: Auth0 hanging.
type Hanging = { port: number; opened: () => number; closed: () => number };
let server: Server | undefined;
let sockets: Socket[] = [];

async function hangingServer(): Promise<Hanging> {
  let closed = 0;
  const mine: Socket[] = [];
  server = createServer((socket) => {
    mine.push(socket);
    socket.on('close', () => closed++);
    socket.on('error', () => {});
  });
  sockets = mine;
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, opened: () => mine.length, closed: () => closed };
}

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const waitFor = async (check: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('requests under a lock end at the work deadline', () => {
  it("aborts the SDK's token request (its own timeout is 10 s) at the deadline", async () => {
    const hanging = await hangingServer();
    const host = `127.0.0.1:${hanging.port}`;
    const mgmt = new ManagementClient({
      domain: host,
      clientId: 'id',
      clientSecret: 'secret',
      maxRetries: 0,
      fetch: scopedFetch({ from: `https://${host}`, to: `http://${host}` }),
    });
    const started = Date.now();
    const call = runWithinDeadline(300, () => mgmt.users.get('auth0|bob', {}, { maxRetries: 0 }));
    await expect(call).rejects.toThrow(/token request timed out/);
    // Well before the SDK's own 10 s (generous: CI shares two cores).
    expect(Date.now() - started).toBeLessThan(SDK_TOKEN_TIMEOUT_MS / 2);
    // The connection itself is gone, not merely given up on.
    await waitFor(() => hanging.closed() === 1);
  });

  it('aborts a request still open when the work under the lock ends, before the lock is free', async () => {
    const hanging = await hangingServer();
    const lock = createMemoryLock({ waitMs: 5000 });
    const fetchIt = scopedFetch();
    let open: Promise<unknown> | undefined;
    await lock.run('k', () =>
      runWithinDeadline(WORK_BUDGET_MS, async () => {
        open = fetchIt(`http://127.0.0.1:${hanging.port}/`).catch((e: Error) => e.name);
        await waitFor(() => hanging.opened() === 1);
        // The work ends (say a sibling call failed) with this request still open.
      }),
    );
    await expect(open).resolves.toBe('AbortError');
    await waitFor(() => hanging.closed() === 1);
  });

  it('leaves requests outside a lock to their own timeouts', async () => {
    const hanging = await hangingServer();
    const controller = new AbortController();
    const request = scopedFetch()(`http://127.0.0.1:${hanging.port}/`, {
      signal: controller.signal,
    });
    const settled = request.then(
      () => 'answered',
      (e: Error) => e.name,
    );
    await waitFor(() => hanging.opened() === 1);
    // Nothing outside a lock cuts it short: it is still open until its own signal fires.
    const early = await Promise.race([settled, new Promise((r) => setTimeout(r, 200, 'open'))]);
    expect(early).toBe('open');
    controller.abort();
    await expect(settled).resolves.toBe('AbortError');
  });
});
