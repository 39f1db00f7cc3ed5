import 'server-only';
import { type Lock, lockBusyError } from './types';

type Waiter = { grant: () => void; timer: ReturnType<typeof setTimeout> };
type Entry = { waiters: Waiter[] };

export type MemoryLockOptions = {
  /** How long a caller may wait for the lock before getting 503 `busy`. */
  waitMs: number;
};

/**
 * A per-key FIFO lock for a single process. A key has an entry only while someone holds it, so
 * the map does not grow with the number of users who ever made a change.
 */
export function createMemoryLock({ waitMs }: MemoryLockOptions): Lock & { size(): number } {
  const held = new Map<string, Entry>();

  function acquire(key: string): Promise<void> {
    const entry = held.get(key);
    if (!entry) {
      held.set(key, { waiters: [] });
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          const index = entry.waiters.indexOf(waiter);
          if (index !== -1) entry.waiters.splice(index, 1);
          reject(lockBusyError());
        }, waitMs),
      };
      entry.waiters.push(waiter);
    });
  }

  function release(key: string): void {
    const entry = held.get(key);
    if (!entry) return;
    const next = entry.waiters.shift();
    if (!next) {
      held.delete(key);
      return;
    }
    // Hand the lock straight to the next waiter, so nobody can slip in between.
    clearTimeout(next.timer);
    next.grant();
  }

  return {
    async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      await acquire(key);
      try {
        return await fn();
      } finally {
        release(key);
      }
    },
    async close() {},
    size: () => held.size,
  };
}
