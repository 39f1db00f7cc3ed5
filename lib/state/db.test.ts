// The state file's failures are the store's 503, never a 500: also when it cannot even be opened.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const original = process.env.KEYWARD_DATA_DIR;

afterEach(async () => {
  const { forgetProcessShared } = await import('@/lib/core/registry');
  forgetProcessShared('state-db');
  process.env.KEYWARD_DATA_DIR = original;
  vi.resetModules();
});

describe('stateDb', () => {
  it('answers 503 store_unavailable when the data folder cannot hold the file', async () => {
    // A folder that cannot be made (a file stands where it should go): an unwritable data folder.
    const parent = mkdtempSync(join(tmpdir(), 'keyward-state-'));
    writeFileSync(join(parent, 'taken'), '');
    process.env.KEYWARD_DATA_DIR = join(parent, 'taken', 'data');
    vi.resetModules();
    const { stateDb } = await import('./db');
    expect(() => stateDb()).toThrow(
      expect.objectContaining({ status: 503, code: 'store_unavailable' }),
    );
  });

  it('opens the file once it can, after a failed try', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'keyward-state-'));
    process.env.KEYWARD_DATA_DIR = join(parent, 'data');
    writeFileSync(join(parent, 'data'), '');
    vi.resetModules();
    const { stateDb } = await import('./db');
    expect(() => stateDb()).toThrow(expect.objectContaining({ status: 503 }));
    const { rmSync } = await import('node:fs');
    rmSync(join(parent, 'data'));
    expect(stateDb().pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
