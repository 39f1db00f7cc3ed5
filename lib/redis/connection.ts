import 'server-only';
import Redis from 'ioredis';
import { errors } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { processShared } from '@/lib/core/registry';
import { REDIS_COMMAND_TIMEOUT_MS } from '@/lib/locks/timing';

// The one Redis connection module. Everything Keyward keeps in Redis (the per-user lock, spent
// WebAuthn challenges, pending removals, rate limits) goes through here, so every caller gets the
// same error listener, the same deadlines, and the same answer when Redis is away: 503.

const CONNECT_TIMEOUT_MS = 2000;
/**
 * A command that takes longer fails: an unreachable Redis must not hang a request. The lock's
 * arithmetic counts on it (lib/locks/timing.ts).
 */
const COMMAND_TIMEOUT_MS = REDIS_COMMAND_TIMEOUT_MS;
/** How long a command waits for a connection that is still being (re)established. */
const READY_WAIT_MS = 1000;

/** A connection that fails fast instead of queueing commands while Redis is away. */
export function createRedisConnection(url: string): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Without a listener ioredis reports connection errors as unhandled. Each command fails on its
  // own anyway, so one line per ten seconds is enough.
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    log('warn', 'redis_error', { error: error.message });
  });
  return client;
}

/**
 * A connection for BullMQ (the notification queue). BullMQ's blocking worker commands need
 * `maxRetriesPerRequest: null`; the producer fails fast instead (no offline queue), so a change
 * never waits on an unreachable Redis to enqueue its mail.
 */
export function createQueueConnection(url: string, role: 'producer' | 'worker'): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    log('warn', 'redis_error', { error: error.message, role: `queue-${role}` });
  });
  return client;
}

/** The process's connection to `url`, made on first use (one per process: lib/core/registry.ts). */
export function sharedRedis(url: string): Redis {
  return processShared(`redis:${url}`, () => createRedisConnection(url));
}

function whenReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`redis not ready (${client.status})`));
    }, READY_WAIT_MS);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', onReady);
  });
}

/**
 * Runs Redis commands, turning any failure (down, slow, refused) into 503 `store_unavailable`
 * with Retry-After, after logging it. Callers run it before anything irreversible, so a failure
 * here leaves nothing half-done.
 */
export async function redisCall<T>(client: Redis, fn: (redis: Redis) => Promise<T>): Promise<T> {
  try {
    await whenReady(client);
    return await fn(client);
  } catch (error) {
    log('error', 'redis_unavailable', {
      error: error instanceof Error ? error.message : 'unknown',
    });
    throw errors.storeUnavailable();
  }
}
