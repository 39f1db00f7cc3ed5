import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FairQueue } from './fair-queue';

// A token source like the tenant's limiter: `perWindow` tokens per 1 s fixed window.
function windowSource(perWindow: number) {
  let windowStart = 0;
  let used = 0;
  let taken = 0;
  return {
    taken: () => taken,
    take: async () => {
      const now = Date.now();
      if (now >= windowStart + 1000) {
        windowStart = now;
        used = 0;
      }
      if (used < perWindow) {
        used++;
        taken++;
        return null;
      }
      return windowStart + 1000 - now;
    },
  };
}

describe('FairQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('serves a user with one call waiting before the rest of a flooder’s queue', async () => {
    const source = windowSource(2);
    const queue = new FairQueue({ take: source.take, intervalMs: 0 });
    const order: string[] = [];
    const ask = (key: string) =>
      queue.acquire(key, Date.now() + 10_000).then((ok) => ok && order.push(key));
    // The flooder queues ten calls, then bob one.
    const calls = Array.from({ length: 10 }, () => ask('flooder'));
    calls.push(ask('bob'));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(calls);
    expect(order).toHaveLength(11);
    // The flooder's first two took the first window's tokens; bob is next in turn.
    expect(order.indexOf('bob')).toBeLessThanOrEqual(3);
  });

  it('alternates between users while both have calls waiting', async () => {
    const source = windowSource(2);
    const queue = new FairQueue({ take: source.take, intervalMs: 0 });
    const order: string[] = [];
    const ask = (key: string) =>
      queue.acquire(key, Date.now() + 20_000).then((ok) => ok && order.push(key));
    // Fill the window first, so every call below waits in line.
    await ask('warm-up');
    await ask('warm-up');
    const calls = [...Array.from({ length: 4 }, () => ask('a')), ask('b'), ask('b')];
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(calls);
    expect(order.slice(2, 6)).toEqual(['a', 'b', 'a', 'b']);
  });

  it('grants no faster than its pace, whatever the token source allows', async () => {
    let taken = 0;
    const queue = new FairQueue({
      take: async () => {
        taken++;
        return null;
      },
      intervalMs: 500,
    });
    const calls = Array.from({ length: 10 }, () => queue.acquire('a', Date.now() + 60_000));
    // At 0, 500, 1000 and 1500 ms: four in the first 1.6 s, never a burst of ten.
    await vi.advanceTimersByTimeAsync(1600);
    expect(taken).toBe(4);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(Promise.all(calls)).resolves.toEqual(Array(10).fill(true));
  });

  it('gives up at the deadline without spending a token', async () => {
    const source = windowSource(1);
    const queue = new FairQueue({ take: source.take, intervalMs: 0 });
    await expect(queue.acquire('a', Date.now() + 100)).resolves.toBe(true);
    const late = queue.acquire('b', Date.now() + 300);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(late).resolves.toBe(false);
    expect(source.taken()).toBe(1);
    expect(queue.size).toBe(0);
  });

  it('refuses at once a call that may not wait when the budget is spent', async () => {
    const source = windowSource(1);
    const queue = new FairQueue({ take: source.take, intervalMs: 0 });
    await expect(queue.acquire('a', Date.now())).resolves.toBe(true);
    await expect(queue.acquire('a', Date.now())).resolves.toBe(false);
  });
});
