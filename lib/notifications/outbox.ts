import 'server-only';
import { join } from 'node:path';
import { log } from '@/lib/core/log';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';
import { sendNotification } from './mailer';
import { createRedisOutbox } from './redis-outbox';
import { createSqliteOutbox } from './sqlite-outbox';
import type { Notification } from './types';

// One outbox per process (lib/core/registry.ts: Next evaluates lib/ once per bundle, and two
// workers in one process would only race each other). Without REDIS_URL it is the SQLite table in
// KEYWARD_DATA_DIR; with REDIS_URL it is the shared BullMQ queue, and the SQLite table stays as
// this instance's spool for a notification Redis did not take, so no change goes unmailed.

type Outbox = { enqueue(n: Notification): Promise<void>; start(): void };

const onEvent = (event: string, fields: Record<string, string | number | null>) =>
  log(event === 'notification_sent' ? 'info' : 'warn', event, fields);

function createOutbox(): Outbox {
  const { dataDir, redisUrl, mail } = getEnv();
  const local = createSqliteOutbox({
    path: join(dataDir, 'outbox.sqlite'),
    send: sendNotification,
    retryMaxMs: mail.retryMaxMs,
    onEvent,
  });
  if (!redisUrl) {
    return {
      enqueue: async (n) => local.enqueue(n),
      start: () => local.start(),
    };
  }
  const shared = createRedisOutbox({
    url: redisUrl,
    send: sendNotification,
    retryMaxMs: mail.retryMaxMs,
    onEvent,
  });
  return {
    async enqueue(n) {
      try {
        await shared.enqueue(n);
      } catch (error) {
        log('warn', 'notification_spooled_locally', {
          id: n.id,
          error: error instanceof Error ? error.message : 'unknown',
        });
        local.enqueue(n);
      }
    },
    start() {
      local.start();
      shared.start();
    },
  };
}

/** The process's outbox, with its worker running. */
export function outbox(): Outbox {
  return processShared('outbox', () => {
    const made = createOutbox();
    made.start();
    return made;
  });
}

/**
 * Starts the worker at server start (instrumentation.ts), so mail left from before a restart
 * goes out without waiting for the next change. Not during `next build`.
 */
export function startOutboxWorker(): void {
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  if (!getEnv().mail.smtpUrl) {
    log('warn', 'mail_disabled', { reason: 'SMTP_URL is not set; no notification mail is sent' });
    return;
  }
  outbox();
}
