import 'server-only';
import { randomUUID } from 'node:crypto';
import { deviceNameFromHeader } from '@/lib/authenticators/device-name';
import { log } from '@/lib/core/log';
import { currentContext } from '@/lib/core/request-context';
import { parseIp } from '@/lib/http/client-ip';
import { ttlStore } from '@/lib/state/ttl-store';
import type { ChangeRecord, RecordedChange } from './record-types';

// What Keyward knew when it made a change that Auth0's log records only as "a Management API
// write to this path" (`sapi`, from Keyward's own server): which method (its kind and name at the
// time) or which session (its device and address), and the person's browser and address. The
// activity section joins them to Auth0's events; it never makes them up when none was recorded.
//
// One entry per user in the TTL store (SQLite, or Redis when set), the newest RECORDS_KEPT
// changes of the last 30 days. Two changes of one user at the same instant may keep only one of
// them: the other's row then shows what Auth0 logged, no more.

const DAY_MS = 24 * 60 * 60 * 1000;
const KEEP_MS = 30 * DAY_MS;
const RECORDS_KEPT = 200;

const keyOf = (userId: string) => `activity:${userId}`;

function parse(raw: string | null): ChangeRecord[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? (value as ChangeRecord[]) : [];
  } catch {
    return [];
  }
}

/** The user's recorded changes, newest first; empty when the store cannot be read. */
export async function readChangeRecords(userId: string): Promise<ChangeRecord[]> {
  try {
    return parse(await ttlStore().get(keyOf(userId)));
  } catch {
    // The section still shows Auth0's events, with what Auth0 logged.
    return [];
  }
}

/**
 * Keeps what is known about a change Auth0 has just made, with the person's browser and address
 * from the request. Never throws: the change has happened, and its row can do without details.
 */
export async function recordChange(userId: string, change: RecordedChange): Promise<void> {
  const actor = currentContext()?.actor;
  const record: ChangeRecord = {
    ...change,
    action: randomUUID(),
    at: Date.now(),
    device: deviceNameFromHeader(actor?.userAgent ?? null),
    ip: parseIp(actor?.ip),
  };
  try {
    const store = ttlStore();
    const kept = parse(await store.get(keyOf(userId))).filter((r) => r.at > record.at - KEEP_MS);
    const next = [record, ...kept].slice(0, RECORDS_KEPT);
    await store.set(keyOf(userId), JSON.stringify(next), KEEP_MS);
  } catch (error) {
    log('warn', 'activity_record_not_kept', {
      userId,
      kind: change.kind,
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
}
