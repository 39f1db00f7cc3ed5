import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import Redis from 'ioredis';

// Each spec saves what it measured as JSON here; the global teardown turns it into
// docs/reliability.md. The directory is Playwright's output directory, emptied at every run.
export const FIGURES_DIR = join('test-results', 'reliability', 'figures');
export const SERVER_LOG = join('test-results', 'reliability', 'servers.log');

export function saveFigures(name: string, data: unknown): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

export function loadFigures(): Record<string, unknown> {
  const all: Record<string, unknown> = {};
  let files: string[] = [];
  try {
    files = readdirSync(FIGURES_DIR);
  } catch {
    return all;
  }
  for (const file of files.filter((f) => f.endsWith('.json'))) {
    all[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(FIGURES_DIR, file), 'utf8'));
  }
  return all;
}

/** The Cookie header a browser context would send to the apps (cookies ignore ports). */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  const cookies = await context.cookies('http://localhost/');
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Headers for a signed-in API call to `base`; mutations carry our Origin as a browser would. */
export function as(cookie: string, base: string, extra: Record<string, string> = {}) {
  return { cookie, origin: base, ...extra };
}

/** A separate connection to the suite's redis-server, to empty shared state between trials. */
export function redisAdmin(url: string) {
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  client.on('error', () => undefined);
  const ready = async () => {
    if (client.status === 'ready') return;
    await Promise.race([
      new Promise((r) => client.once('ready', r)),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('suite redis client not ready')), 5000),
      ),
    ]);
  };
  return {
    /**
     * Forgets what Keyward keeps in Redis between requests (limits, locks, pending removals,
     * rotation marks, spent challenges, idempotency records), but keeps the sessions.
     */
    async clearAppState(): Promise<void> {
      await ready();
      const keys = (await client.keys('*')).filter((k) => !/^keyward:session[:-]/.test(k));
      if (keys.length > 0) await client.del(...keys);
    },
    /** Forgets only the route limits' and the Management budget's counters. */
    async clearLimits(): Promise<void> {
      await ready();
      const keys = await client.keys('keyward:limit:*');
      if (keys.length > 0) await client.del(...keys);
    },
    close: () => client.disconnect(),
  };
}

/** Counts values into a { value: count } record, keys sorted. */
export function tally(values: (string | number)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}
