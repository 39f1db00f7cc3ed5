// The SQLite TTL store's first use: a file it cannot write yet is the store's 503, not a 500.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedisConnection } from '@/lib/redis/connection';
import { startRedisServer } from '@/test/local-servers';
import { openStateDb } from './db';
import { createRedisTtlStore, createSqliteTtlStore } from './ttl-store';

describe('createSqliteTtlStore', () => {
  it('answers 503 store_unavailable when its table cannot be made yet, and works once it can', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keyward-ttl-')), 'state.sqlite');
    const db = openStateDb(path);
    const holder = openStateDb(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(() => createSqliteTtlStore(db)).toThrow(
        expect.objectContaining({ status: 503, code: 'store_unavailable' }),
      );
    } finally {
      holder.exec('ROLLBACK');
    }
    const store = createSqliteTtlStore(db);
    expect(await store.claim('idem:k', 'v', 60_000)).toBe(true);
    expect(await store.get('idem:k')).toBe('v');
  });
});

// An entry lives its TTL and no longer, in either store: a handoff code, a spent marker, an
// Idempotency-Key's answer all rest on it. Redis expires it itself, so that one is awaited.
describe('expiry', () => {
  it('SQLite: an entry set or claimed is gone when its time is up, and the key may be claimed again', async () => {
    let now = 1_000_000;
    const db = openStateDb(join(mkdtempSync(join(tmpdir(), 'keyward-ttl-')), 'state.sqlite'));
    const store = createSqliteTtlStore(db, () => now);
    await store.set('code', 'v', 60_000);
    expect(await store.claim('spent', '1', 60_000)).toBe(true);
    now += 59_999;
    expect(await store.get('code')).toBe('v');
    expect(await store.claim('spent', '1', 60_000)).toBe(false);
    now += 1;
    expect(await store.get('code')).toBeNull();
    expect(await store.claim('spent', '1', 60_000)).toBe(true);
  });

  it('Redis: an entry set or claimed is gone when its time is up, and the key may be claimed again', async () => {
    const server = await startRedisServer();
    const redis = createRedisConnection(server.url);
    try {
      const store = createRedisTtlStore(redis, `ttl-test-${Date.now()}:`);
      await store.set('code', 'v', 150);
      expect(await store.claim('spent', '1', 150)).toBe(true);
      expect(await store.get('code')).toBe('v');
      expect(await store.claim('spent', '1', 150)).toBe(false);
      await expect.poll(() => store.get('code'), { timeout: 5_000, interval: 25 }).toBeNull();
      await expect
        .poll(() => store.claim('spent', '1', 150), { timeout: 5_000, interval: 25 })
        .toBe(true);
    } finally {
      redis.disconnect();
      server.stop();
    }
  });
});
