import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/core/errors';
import { createMemoryLock } from './memory-lock';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('createMemoryLock', () => {
  it('serialises overlapping calls for one key, in arrival order', async () => {
    const lock = createMemoryLock({ waitMs: 2000 });
    const events: string[] = [];
    let inside = 0;
    let maxInside = 0;
    const task = (name: string) =>
      lock.run('user-1', async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        events.push(`start ${name}`);
        await sleep(20);
        events.push(`end ${name}`);
        inside--;
        return name;
      });
    const results = await Promise.all([task('a'), task('b'), task('c')]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(maxInside).toBe(1);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(lock.size()).toBe(0);
  });

  it('does not serialise different keys', async () => {
    const lock = createMemoryLock({ waitMs: 2000 });
    let inside = 0;
    let maxInside = 0;
    const task = (key: string) =>
      lock.run(key, async () => {
        inside++;
        maxInside = Math.max(maxInside, inside);
        await sleep(30);
        inside--;
      });
    await Promise.all([task('user-1'), task('user-2'), task('user-3')]);
    expect(maxInside).toBe(3);
  });

  it('releases the lock when the work throws', async () => {
    const lock = createMemoryLock({ waitMs: 500 });
    await expect(
      lock.run('user-1', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(lock.size()).toBe(0);
    await expect(lock.run('user-1', async () => 'next')).resolves.toBe('next');
  });

  it('answers 409 busy with Retry-After when the lock is not free in time', async () => {
    const lock = createMemoryLock({ waitMs: 50 });
    const holder = lock.run('user-1', () => sleep(200));
    const waiter = lock.run('user-1', async () => 'ran');
    const error = await waiter.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'busy', headers: { 'retry-after': '2' } });
    await holder;
    // The timed-out waiter left the queue, so the key is free again and its entry is gone.
    expect(lock.size()).toBe(0);
  });

  it('a timed-out waiter never runs, and later waiters still get their turn', async () => {
    const lock = createMemoryLock({ waitMs: 50 });
    const ran: string[] = [];
    // The holder keeps the lock until the test lets go, however long that takes.
    let letGo = () => {};
    const held = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const holder = lock.run('k', async () => {
      await held;
      ran.push('holder');
    });
    const timedOut = lock.run('k', async () => {
      ran.push('timed out');
    });
    await expect(timedOut).rejects.toMatchObject({ status: 409, code: 'busy' });

    // Queued after the timeout, and handed the lock as soon as the holder lets go.
    const later = lock.run('k', async () => {
      ran.push('later');
    });
    letGo();
    await Promise.all([holder, later]);
    expect(ran).toEqual(['holder', 'later']);
    expect(lock.size()).toBe(0);
  });
});
