// The SQLite TTL store's first use: a file it cannot write yet is the store's 503, not a 500.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateDb } from './db';
import { createSqliteTtlStore } from './ttl-store';

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
