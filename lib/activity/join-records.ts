import type { ChangeRecord } from './record-types';
import type { ActivityEntry } from './types';

// Joins Auth0's events to what Keyward recorded when it made the change (change-records.ts), and
// makes one row of each action. Pure, so the rules are tested without Auth0 or a store.

/** An event of Auth0's log as a row, with the method or session id its request named. */
export type LoggedRow = { entry: ActivityEntry; targetId: string | null };

/** Auth0 logs a change when it makes it; Keyward records it once Auth0 answered. */
const MATCH_WINDOW_MS = 60_000;
/** Sign-outs Keyward has no record of are one action when this close together. */
const BURST_MS = 10_000;

const METHOD_KINDS: ReadonlySet<string> = new Set([
  'methodAdded',
  'methodRemoved',
  'methodRenamed',
]);

function matches(row: LoggedRow, record: ChangeRecord): boolean {
  const { kind } = row.entry;
  if (record.kind === 'sessionEnded') {
    return (
      kind === 'sessionEnded' && (row.targetId === null || record.sessionIds.includes(row.targetId))
    );
  }
  if (!METHOD_KINDS.has(kind)) return false;
  if (row.targetId === null || record.methodId === null) return kind === record.kind;
  // Naming a new passkey is part of adding it: its rename event joins the addition.
  return (
    record.methodId === row.targetId &&
    (kind === record.kind || (record.kind === 'methodAdded' && kind === 'methodRenamed'))
  );
}

/** The record of the action an event belongs to: the closest in time that fits, if any. */
function recordFor(row: LoggedRow, records: readonly ChangeRecord[]): ChangeRecord | null {
  const at = Date.parse(row.entry.at);
  let best: ChangeRecord | null = null;
  for (const record of records) {
    const distance = Math.abs(record.at - at);
    if (distance > MATCH_WINDOW_MS || !matches(row, record)) continue;
    if (!best || distance < Math.abs(best.at - at)) best = record;
  }
  return best;
}

function withRecord(entry: ActivityEntry, record: ChangeRecord): ActivityEntry {
  const base = { ...entry, kind: record.kind, device: record.device, ip: record.ip };
  if (record.kind === 'sessionEnded') {
    const session = record.session ? { ...record.session, place: null } : null;
    return { ...base, session, count: record.sessionIds.length };
  }
  const { kind, name, oldName } = record.method;
  return { ...base, method: { id: record.methodId, kind, name, oldName: oldName ?? null } };
}

/**
 * Rows for a page of events (newest first): each event's details from its action's record where
 * there is one, and one row per action, so "sign out of all other sessions" is one row however
 * many sessions it ended.
 */
export function joinRecords(rows: readonly LoggedRow[], records: readonly ChangeRecord[]) {
  const out: { entry: ActivityEntry; action: string | null }[] = [];
  for (const row of rows) {
    const record = recordFor(row, records);
    const entry = record ? withRecord(row.entry, record) : row.entry;
    const action = record?.action ?? null;
    const last = out.at(-1);
    if (last && action !== null && last.action === action) continue;
    if (
      last &&
      action === null &&
      last.action === null &&
      entry.kind === 'sessionEnded' &&
      last.entry.kind === 'sessionEnded' &&
      Math.abs(Date.parse(last.entry.at) - Date.parse(entry.at)) <= BURST_MS
    ) {
      last.entry = { ...last.entry, count: last.entry.count + 1, session: null };
      continue;
    }
    out.push({ entry, action });
  }
  return out.map((r) => r.entry);
}
