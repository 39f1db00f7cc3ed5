import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GIVE_UP_AFTER_MS, isPermanent, retryDelayMs } from './backoff';
import type { Notification } from './types';

// The embedded outbox: one SQLite table next to the sessions, so a mail waiting out an SMTP
// outage survives a restart. Several processes may share the file (WAL mode): an entry is
// claimed with a lease by one UPDATE … RETURNING, so only one of them sends it. A process that
// dies between sending and marking it sent would send it again once the lease runs out — SMTP
// cannot do better than at-least-once there; the fixed Message-ID lets a receiver drop the copy.

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  leased_until INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER,
  failed_at INTEGER,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (sent_at, failed_at, next_attempt_at);
`;

/** Long enough for one SMTP conversation with its timeouts. */
const LEASE_MS = 60_000;
/** Sent and failed entries are kept this long (for the log trail), then dropped. */
const KEEP_DONE_MS = 7 * 24 * 60 * 60 * 1000;
const POLL_MS = 1000;

type Row = { id: string; payload: string; created_at: number; attempts: number };
type OutboxEvent = (event: string, fields: Record<string, string | number | null>) => void;

export type SqliteOutboxOptions = {
  path: string;
  send: (n: Notification) => Promise<void>;
  retryMaxMs: number;
  now?: () => number;
  onEvent?: OutboxEvent;
};

export type SqliteOutbox = ReturnType<typeof createSqliteOutbox>;

export function createSqliteOutbox(options: SqliteOutboxOptions) {
  const { path, send, retryMaxMs } = options;
  const now = options.now ?? Date.now;
  const onEvent: OutboxEvent = options.onEvent ?? (() => {});
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);

  const insert = db.prepare(
    `INSERT INTO outbox (id, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const claim = db.prepare<[{ now: number }], Row>(
    `UPDATE outbox SET leased_until = @now + ${LEASE_MS}, attempts = attempts + 1
     WHERE id = (SELECT id FROM outbox
                 WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now AND leased_until <= @now
                 ORDER BY next_attempt_at LIMIT 1)
     RETURNING id, payload, created_at, attempts`,
  );
  const markSent = db.prepare('UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ?');
  const markRetry = db.prepare(
    'UPDATE outbox SET next_attempt_at = ?, leased_until = 0, last_error = ? WHERE id = ?',
  );
  const markFailed = db.prepare('UPDATE outbox SET failed_at = ?, last_error = ? WHERE id = ?');
  const purge = db.prepare(
    'DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < @before) OR (failed_at IS NOT NULL AND failed_at < @before)',
  );
  const countOpen = db.prepare<[], { n: number }>(
    'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL',
  );

  let timer: NodeJS.Timeout | null = null;
  let draining: Promise<number> | null = null;
  let closed = false;

  async function attempt(row: Row): Promise<void> {
    const n = JSON.parse(row.payload) as Notification;
    try {
      await send(n);
      markSent.run(now(), row.id);
      onEvent('notification_sent', {
        id: row.id,
        kind: n.kind,
        attempts: row.attempts,
        latencyMs: now() - Date.parse(n.at),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown';
      if (isPermanent(error) || now() - row.created_at > GIVE_UP_AFTER_MS) {
        markFailed.run(now(), reason, row.id);
        onEvent('notification_failed', { id: row.id, kind: n.kind, attempts: row.attempts });
        return;
      }
      const delay = retryDelayMs(row.attempts, retryMaxMs);
      markRetry.run(now() + delay, reason, row.id);
      onEvent('notification_retry', { id: row.id, attempts: row.attempts, retryInMs: delay });
    }
  }

  /** Sends every entry that is due, one at a time; resolves to how many were tried. */
  function drain(): Promise<number> {
    if (draining) return draining;
    const run = (async () => {
      let tried = 0;
      for (let row = claim.get({ now: now() }); row && !closed; row = claim.get({ now: now() })) {
        tried += 1;
        await attempt(row);
      }
      if (!closed) purge.run({ before: now() - KEEP_DONE_MS });
      return tried;
    })();
    draining = run.finally(() => {
      draining = null;
    });
    return draining;
  }

  function schedule(): void {
    if (closed) return;
    timer = setTimeout(() => {
      drain()
        .catch((error: unknown) =>
          onEvent('outbox_error', { error: error instanceof Error ? error.message : 'unknown' }),
        )
        .finally(schedule);
    }, POLL_MS);
    // The worker never keeps a process alive on its own (`next build`, tests, shutdown).
    timer.unref();
  }

  return {
    /** Stores the notification (once per id); it is durable when this returns. */
    enqueue(n: Notification): void {
      insert.run(n.id, JSON.stringify(n), now(), now());
      // Send now rather than at the next poll; a failure here is the poll's to retry.
      if (timer) void drain().catch(() => {});
    },
    drain,
    /** Starts the poll loop (idempotent). */
    start(): void {
      if (!timer && !closed) schedule();
    },
    openCount: () => countOpen.get()?.n ?? 0,
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await draining;
      db.close();
    },
  };
}
