import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { processShared } from './registry';

// The deadline of the work under a lock, seen by code far below it: the Management client's
// fetch, which the SDK also uses for its token request (whose own timeout is a fixed 10 s and
// would otherwise outlive the lock). Every request made inside a scope is aborted at its deadline
// and when the scope ends, so none is still open once the lock can be taken again.

export type WorkScope = { deadlineAt: number; signal: AbortSignal };

// One storage per process: the Management client (one per process) may be made by another
// bundle than the one whose lock opened the scope.
const storage = () => processShared('work-scope', () => new AsyncLocalStorage<WorkScope>());

/**
 * Runs `fn` with a deadline `ms` from now (or the enclosing scope's, if sooner). When the deadline
 * passes, or `fn` settles, every request made inside is aborted.
 */
export async function runWithinDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const outer = storage().getStore();
  const controller = new AbortController();
  const deadlineAt = Math.min(Date.now() + ms, outer?.deadlineAt ?? Number.POSITIVE_INFINITY);
  const timer = setTimeout(() => controller.abort(), Math.max(0, deadlineAt - Date.now()));
  const signal = outer ? AbortSignal.any([outer.signal, controller.signal]) : controller.signal;
  try {
    return await storage().run({ deadlineAt, signal }, fn);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

export function currentWorkScope(): WorkScope | undefined {
  return storage().getStore();
}
