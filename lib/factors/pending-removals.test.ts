// The record of removals whose outcome Keyward could not learn (revoke-factor.ts): both stores,
// and the rule that settles an entry: gone from a fresh list, or past its horizon.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '@/lib/redis/connection';
import { openStateDb } from '@/lib/state/db';
import { startRedisServer } from '@/test/local-servers';

const inSqlite = (now?: () => number) => createSqlitePendingRemovals(openStateDb(':memory:'), now);

import {
  createRedisPendingRemovals,
  createSqlitePendingRemovals,
  PENDING_HORIZON_MS,
  type PendingRemovals,
  settlePending,
} from './pending-removals';

const NOW = 1_800_000_000_000;

let stopRedis: (() => void) | undefined;
let url = '';
const connections: Redis[] = [];

beforeAll(async () => {
  const server = await startRedisServer();
  stopRedis = server.stop;
  url = server.url;
});

afterAll(() => {
  for (const redis of connections) redis.disconnect();
  stopRedis?.();
});

function redisStore(): { store: PendingRemovals; redis: Redis } {
  const redis = createRedisConnection(url);
  connections.push(redis);
  return { store: createRedisPendingRemovals(redis), redis };
}

const stores: [string, () => PendingRemovals][] = [
  ['in SQLite', () => inSqlite()],
  ['in Redis', () => redisStore().store],
];

describe.each(stores)('pending removals %s', (_label, make) => {
  it('keeps entries per user, and clears only the ids asked for', async () => {
    const store = make();
    const user = `auth0|${Math.random()}`;
    const other = `${user}-other`;
    expect(await store.list(user)).toEqual(new Map());
    await store.add(user, 'passkey|a', NOW + 1);
    await store.add(user, 'passkey|b', NOW + 2);
    await store.add(other, 'passkey|a', NOW + 3);
    expect(await store.list(user)).toEqual(
      new Map([
        ['passkey|a', NOW + 1],
        ['passkey|b', NOW + 2],
      ]),
    );
    await store.clear(user, ['passkey|a']);
    expect(await store.list(user)).toEqual(new Map([['passkey|b', NOW + 2]]));
    await store.clear(user, []);
    expect(await store.list(user)).toEqual(new Map([['passkey|b', NOW + 2]]));
    await store.clear(user, ['passkey|b', 'passkey|never-added']);
    expect(await store.list(user)).toEqual(new Map());
    expect(await store.list(other)).toEqual(new Map([['passkey|a', NOW + 3]]));
  });

  it('lists a copy: changing it changes nothing stored', async () => {
    const store = make();
    const user = `auth0|${Math.random()}`;
    await store.add(user, 'passkey|a', NOW);
    const listed = await store.list(user);
    listed.delete('passkey|a');
    listed.set('passkey|z', 1);
    expect(await store.list(user)).toEqual(new Map([['passkey|a', NOW]]));
  });
});

describe('the Redis store', () => {
  it('keeps one hash per user that expires by itself after the horizon', async () => {
    const { store, redis } = redisStore();
    await store.add('auth0|ttl', 'passkey|a', NOW);
    const key = 'keyward:pending-removals:auth0|ttl';
    expect(await redis.hgetall(key)).toEqual({ 'passkey|a': String(NOW) });
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(PENDING_HORIZON_MS - 5000);
    expect(ttl).toBeLessThanOrEqual(PENDING_HORIZON_MS);
  });
});

describe('the in-memory record', () => {
  it('forgets entries past their horizon whenever one is added, for every user', async () => {
    let now = NOW;
    const store = inSqlite(() => now);
    await store.add('auth0|alice', 'passkey|a', NOW + 10);
    await store.add('auth0|bob', 'passkey|b', NOW + 1000);
    now = NOW + 10;
    await store.add('auth0|carol', 'passkey|c', NOW + 1000);
    expect(await store.list('auth0|alice')).toEqual(new Map());
    expect([...(await store.list('auth0|bob')).keys()]).toEqual(['passkey|b']);
  });

  it('evicts nobody: a flood of other users leaves the first entry counted', async () => {
    const store = inSqlite(() => NOW);
    for (let i = 0; i <= 10_000; i++) await store.add(`auth0|u${i}`, 'passkey|a', NOW + 1000);
    expect([...(await store.list('auth0|u0')).keys()]).toEqual(['passkey|a']);
    expect([...(await store.list('auth0|u10000')).keys()]).toEqual(['passkey|a']);
  });

  it('survives a restart: a new process opening the same file still counts the removal', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keyward-pending-')), 'state.sqlite');
    const first = openStateDb(path);
    await createSqlitePendingRemovals(first, () => NOW).add('auth0|bob', 'passkey|a', NOW + 1000);
    first.close();
    const second = createSqlitePendingRemovals(openStateDb(path), () => NOW);
    expect(await second.list('auth0|bob')).toEqual(new Map([['passkey|a', NOW + 1000]]));
  });

  it('answers 503 store_unavailable, never "recorded", when the file cannot be written', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keyward-pending-')), 'state.sqlite');
    const store = createSqlitePendingRemovals(openStateDb(path));
    const holder = openStateDb(path);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      await expect(store.add('auth0|bob', 'passkey|a', Date.now() + 1000)).rejects.toMatchObject({
        status: 503,
        code: 'store_unavailable',
      });
    } finally {
      holder.exec('ROLLBACK');
    }
    expect(await store.list('auth0|bob')).toEqual(new Map());
  });
});

describe('opening the record', () => {
  it('answers 503 store_unavailable, not a crash, when its table cannot be made yet', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keyward-pending-')), 'state.sqlite');
    const db = openStateDb(path);
    // Another process holds the file's write lock before this process first uses the record.
    const holder = openStateDb(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(() => createSqlitePendingRemovals(db)).toThrow(
        expect.objectContaining({ status: 503, code: 'store_unavailable' }),
      );
    } finally {
      holder.exec('ROLLBACK');
    }
    const store = createSqlitePendingRemovals(db);
    await store.add('auth0|bob', 'passkey|a', Date.now() + 1000);
    expect([...(await store.list('auth0|bob')).keys()]).toEqual(['passkey|a']);
  });
});

describe('settlePending', () => {
  it('asks nothing more of an empty record', async () => {
    const store = inSqlite();
    expect(await settlePending(store, 'auth0|bob', new Set(['passkey|a']), NOW)).toEqual(new Set());
  });

  it('keeps a removal open while the method is listed and its horizon has not passed', async () => {
    const store = inSqlite();
    await store.add('auth0|bob', 'passkey|a', NOW + 1);
    expect(await settlePending(store, 'auth0|bob', new Set(['passkey|a']), NOW)).toEqual(
      new Set(['passkey|a']),
    );
    expect([...(await store.list('auth0|bob')).keys()]).toEqual(['passkey|a']);
  });

  it('settles a removal the fresh list no longer shows: it happened', async () => {
    const store = inSqlite();
    await store.add('auth0|bob', 'passkey|a', NOW + PENDING_HORIZON_MS);
    await store.add('auth0|bob', 'passkey|b', NOW + PENDING_HORIZON_MS);
    expect(await settlePending(store, 'auth0|bob', new Set(['passkey|b']), NOW)).toEqual(
      new Set(['passkey|b']),
    );
    expect([...(await store.list('auth0|bob')).keys()]).toEqual(['passkey|b']);
  });

  it('settles a removal still listed at its horizon: it will not happen now', async () => {
    const store = inSqlite();
    await store.add('auth0|bob', 'passkey|a', NOW);
    expect(await settlePending(store, 'auth0|bob', new Set(['passkey|a']), NOW)).toEqual(new Set());
    expect(await store.list('auth0|bob')).toEqual(new Map());
  });

  it("touches only the user's own record", async () => {
    const store = inSqlite();
    await store.add('auth0|alice', 'passkey|a', NOW + 1);
    await store.add('auth0|bob', 'passkey|a', NOW + 1);
    expect(await settlePending(store, 'auth0|bob', new Set(), NOW)).toEqual(new Set());
    expect(await store.list('auth0|alice')).toEqual(new Map([['passkey|a', NOW + 1]]));
  });

  it('uses the clock when no time is given', async () => {
    const store = inSqlite();
    await store.add('auth0|bob', 'passkey|old', Date.now() - 1);
    await store.add('auth0|bob', 'passkey|new', Date.now() + PENDING_HORIZON_MS);
    const listed = new Set(['passkey|old', 'passkey|new']);
    expect(await settlePending(store, 'auth0|bob', listed)).toEqual(new Set(['passkey|new']));
  });
});
