// The embedded outbox with a scripted sender and a scripted clock: durable across a reopen,
// retried with the documented backoff, sent once when two processes share the file, and given
// up on for permanent SMTP refusals.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, GIVE_UP_AFTER_MS, retryDelayMs } from './backoff';
import { createSqliteOutbox } from './sqlite-outbox';
import type { Notification } from './types';

let dir: string;
let clock: number;
const now = () => clock;

const notification = (id: string): Notification => ({
  id,
  kind: 'passkey_added',
  to: 'alice@example.com',
  locale: 'en',
  at: new Date(0).toISOString(),
  device: 'Chrome on Linux',
  ip: null,
  details: { name: 'Work laptop' },
});

/** A sender that fails while `down` is true, and records what it delivered. */
function smtp() {
  const state = {
    down: false,
    delivered: [] as string[],
    tries: 0,
    error: new Error('ECONNREFUSED') as Error,
  };
  return {
    state,
    send: async (n: Notification) => {
      state.tries += 1;
      if (state.down) throw state.error;
      state.delivered.push(n.id);
    },
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keyward-outbox-'));
  clock = 1_000_000;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (send: (n: Notification) => Promise<void>, retryMaxMs = 300_000) =>
  createSqliteOutbox({ path: join(dir, 'outbox.sqlite'), send, retryMaxMs, now });

describe('the SQLite outbox', () => {
  it('sends a notification once, and a second enqueue of the same id is a no-op', async () => {
    const server = smtp();
    const outbox = open(server.send);
    outbox.enqueue(notification('a'));
    outbox.enqueue(notification('a'));
    expect(await outbox.drain()).toBe(1);
    expect(await outbox.drain()).toBe(0);
    expect(server.state.delivered).toEqual(['a']);
    await outbox.close();
  });

  it('keeps a notification through an outage and a restart, retrying at 2 s, 4 s, 8 s …', async () => {
    const server = smtp();
    server.state.down = true;
    let outbox = open(server.send);
    outbox.enqueue(notification('a'));
    expect(await outbox.drain()).toBe(1); // first try fails
    expect(await outbox.drain()).toBe(0); // not due yet
    clock += FIRST_RETRY_MS;
    expect(await outbox.drain()).toBe(1); // second try fails
    clock += FIRST_RETRY_MS * 2 - 1;
    expect(await outbox.drain()).toBe(0);
    clock += 1;
    expect(await outbox.drain()).toBe(1); // third try fails
    await outbox.close();

    // The process restarts; SMTP comes back.
    server.state.down = false;
    outbox = open(server.send);
    expect(outbox.openCount()).toBe(1);
    clock += FIRST_RETRY_MS * 4;
    expect(await outbox.drain()).toBe(1);
    expect(server.state.delivered).toEqual(['a']);
    expect(outbox.openCount()).toBe(0);
    expect(server.state.tries).toBe(4);
    await outbox.close();
  });

  it('two processes draining one file send each notification once', async () => {
    const server = smtp();
    const a = open(server.send);
    const b = open(server.send);
    for (const id of ['1', '2', '3', '4', '5']) a.enqueue(notification(id));
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect([...server.state.delivered].sort()).toEqual(['1', '2', '3', '4', '5']);
    await Promise.all([a.close(), b.close()]);
  });

  it('gives up at once on a permanent SMTP refusal (5xx), and after two days of failures', async () => {
    const server = smtp();
    server.state.down = true;
    server.state.error = Object.assign(new Error('550 no such user'), { responseCode: 550 });
    const outbox = open(server.send);
    outbox.enqueue(notification('bounced'));
    await outbox.drain();
    expect(outbox.openCount()).toBe(0);

    server.state.error = new Error('ECONNREFUSED');
    outbox.enqueue(notification('late'));
    await outbox.drain();
    clock += GIVE_UP_AFTER_MS + 1;
    await outbox.drain();
    expect(outbox.openCount()).toBe(0);
    expect(server.state.delivered).toEqual([]);
    await outbox.close();
  });
});

describe('retryDelayMs', () => {
  it('doubles from 2 s and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 300_000))).toEqual([
      2000, 4000, 8000, 16_000, 32_000,
    ]);
    expect(retryDelayMs(9, 300_000)).toBe(300_000);
    expect(retryDelayMs(50, 1000)).toBe(1000);
  });
});
