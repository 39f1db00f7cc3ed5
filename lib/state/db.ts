import 'server-only';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { errors } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';

// Keyward's safety records without Redis: intents of writes whose outcome matters, spent codes and
// challenges, idempotency keys, the rotation mark. They live in one SQLite file in KEYWARD_DATA_DIR
// (beside the sessions and the outbox), so a restart forgets none of them and no flood can push
// one out: rows leave only when they expire. Processes on one machine may share the file (WAL).

/** A write that cannot get the file within this long fails (503), instead of hanging the request. */
const BUSY_TIMEOUT_MS = 1000;

export type StateDb = Database.Database;

export function openStateDb(path: string): StateDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // The busy timeout first: switching to WAL waits for the file like any other write.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode loses nothing a process crash could lose; only a power cut could.
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * The process's handle on `KEYWARD_DATA_DIR/state.sqlite`. A file that cannot be opened (a folder
 * that cannot be written, a file locked by another process) is 503 `store_unavailable` like any
 * other failure of the store, not a 500, and is tried again on the next request.
 */
export function stateDb(): StateDb {
  return sqliteCall('state.open', () =>
    processShared(
      'state-db',
      () => openStateDb(join(getEnv().dataDir, 'state.sqlite')),
      (db) => db.close(),
    ),
  );
}

/**
 * Runs a statement, turning any SQLite failure (locked, read-only, disk full, corrupt) into 503
 * `store_unavailable`: callers run it before the write it guards, which is then never sent.
 */
export function sqliteCall<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    log('error', 'state_store_unavailable', {
      what,
      error: error instanceof Error ? error.message : 'unknown',
    });
    throw errors.storeUnavailable();
  }
}
