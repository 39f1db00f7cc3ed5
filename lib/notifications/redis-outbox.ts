import 'server-only';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { createQueueConnection } from '@/lib/redis/connection';
import { GIVE_UP_AFTER_MS, isPermanent, retryDelayMs } from './backoff';
import type { Notification } from './types';

// The shared outbox when REDIS_URL is set: one BullMQ queue every instance adds to and works
// from. The job id is the notification's id, made once per change, so adding it twice (a retry,
// the fallback) keeps one job; BullMQ hands each job to one worker at a time, so one change is
// one mail however many instances run.

const QUEUE = 'keyward-notifications';
const BACKOFF = 'keyward';
/** How long adding a job may take before the change falls back to the local outbox. */
const ADD_TIMEOUT_MS = 2000;

type OutboxEvent = (event: string, fields: Record<string, string | number | null>) => void;

export function createRedisOutbox(options: {
  url: string;
  send: (n: Notification) => Promise<void>;
  retryMaxMs: number;
  onEvent: OutboxEvent;
}) {
  const { url, send, retryMaxMs, onEvent } = options;
  // Enough tries to span GIVE_UP_AFTER_MS at the longest wait, plus the doubling before it.
  const attempts = Math.ceil(GIVE_UP_AFTER_MS / retryMaxMs) + 20;
  const queue = new Queue<Notification>(QUEUE, {
    connection: createQueueConnection(url, 'producer'),
    defaultJobOptions: {
      attempts,
      backoff: { type: BACKOFF },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });
  queue.on('error', () => {}); // logged by the connection's own listener
  let worker: Worker<Notification> | null = null;

  return {
    /** Adds the job; throws when Redis does not take it in time (the caller falls back). */
    async enqueue(n: Notification): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('queue add timed out')), ADD_TIMEOUT_MS);
      });
      try {
        await Promise.race([queue.add(n.kind, n, { jobId: n.id }), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    start(): void {
      if (worker) return;
      worker = new Worker<Notification>(
        QUEUE,
        async (job) => {
          try {
            await send(job.data);
          } catch (error) {
            if (isPermanent(error)) throw new UnrecoverableError((error as Error).message);
            throw error;
          }
          onEvent('notification_sent', {
            id: job.data.id,
            kind: job.data.kind,
            attempts: job.attemptsMade + 1,
            latencyMs: Date.now() - Date.parse(job.data.at),
          });
        },
        {
          connection: createQueueConnection(url, 'worker'),
          concurrency: 1,
          settings: { backoffStrategy: (made: number) => retryDelayMs(made, retryMaxMs) },
        },
      );
      worker.on('failed', (job, error) => {
        if (!job) return;
        onEvent('notification_retry', {
          id: job.data.id,
          attempts: job.attemptsMade,
          error: error.message.slice(0, 200),
        });
      });
      worker.on('error', () => {});
    },
    async close(): Promise<void> {
      await worker?.close();
      await queue.close();
    },
  };
}
