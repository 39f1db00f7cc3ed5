import 'server-only';
import type { Management } from 'auth0';
import { ApiError } from '@/lib/core/errors';
import { reportConfig } from '@/lib/diagnostics/config-hints';
import { placesOf } from '@/lib/geo/place-of';
import { managementCall } from '@/lib/management/client';
import { isPlanRefusal } from '@/lib/management/errors';
import { readChangeRecords } from './change-records';
import { joinRecords, type LoggedRow } from './join-records';
import { dateOf, mapLogEvent, targetOf } from './map-activity';
import type { ActivityEntry, ActivityPage } from './types';

/** The section shows the last 30 days at most (Auth0 keeps 1 to 30 days, by plan). */
export const ACTIVITY_DAYS = 30;
/** Auth0's most per request; few calls matter more than small answers (2 requests/s on Free). */
export const PER_PAGE = 100;
/** Auth0 pages a log search through its first 1,000 results only. */
const SEARCH_WINDOW = 1000;
export const MAX_PAGE = SEARCH_WINDOW / PER_PAGE - 1;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Auth0 answers `{ start, limit, length, total, logs }` with include_totals (the SDK's default),
 * a bare array without. The SDK finds items only under `logs`, so both shapes are read here.
 */
function logsOf(response: unknown): Management.Log[] {
  if (Array.isArray(response)) return response;
  const logs = (response as { logs?: unknown } | null)?.logs;
  return Array.isArray(logs) ? logs : [];
}

function totalOf(response: unknown): number | null {
  const total = (response as { total?: unknown } | null)?.total;
  return typeof total === 'number' && Number.isFinite(total) ? total : null;
}

const readLogs = (userId: string, page: number) =>
  managementCall((mgmt, options) =>
    mgmt.users.logs.list(
      userId,
      { page, per_page: PER_PAGE, sort: 'date:-1', include_totals: true },
      options,
    ),
  );

/**
 * One page of the user's recent security activity: exactly one Management API call
 * (GET /users/{id}/logs, newest first). Events older than 30 days are dropped, and reaching one
 * ends the list, as do a short page, Auth0's total and its 1,000-result window.
 */
export async function getActivity(
  userId: string,
  page: number,
  now = Date.now(),
): Promise<ActivityPage> {
  let result: Awaited<ReturnType<typeof readLogs>>;
  try {
    result = await readLogs(userId, page);
  } catch (error) {
    // Not an error for the person: the tenant's plan keeps no user logs, so the section says so.
    if (!isPlanRefusal(error)) throw error;
    reportConfig('plan_logs');
    return { entries: [], nextPage: null, notOnPlan: true };
  }
  const logs = logsOf(result.response);
  const since = now - ACTIVITY_DAYS * DAY_MS;
  const isOld = (log: Management.Log) => Date.parse(dateOf(log) ?? '') < since;
  const recent = logs.filter((log) => !isOld(log));
  const reachedOld = recent.length < logs.length;
  const total = totalOf(result.response);
  const seen = page * PER_PAGE + logs.length;
  const more =
    !reachedOld && logs.length >= PER_PAGE && page < MAX_PAGE && (total === null || seen < total);
  const rows: LoggedRow[] = [];
  for (const log of recent) {
    const entry = mapLogEvent(log);
    if (entry) rows.push({ entry, targetId: targetOf(log) });
  }
  const entries = joinRecords(rows, rows.length > 0 ? await readChangeRecords(userId) : []);
  return { entries: await withPlaces(entries), nextPage: more ? page + 1 : null, notOnPlan: false };
}

/** Each row's place, and its session's, from the offline database. */
async function withPlaces(entries: ActivityEntry[]): Promise<ActivityEntry[]> {
  const places = await placesOf(entries.flatMap((e) => [e.ip, e.session?.ip ?? null]));
  const placeOf = (ip: string | null) => (ip ? (places.get(ip) ?? null) : null);
  return entries.map((e) => ({
    ...e,
    place: placeOf(e.ip),
    session: e.session ? { ...e.session, place: placeOf(e.session.ip) } : null,
  }));
}

/** `?page=` of GET /api/activity: absent means the first; 422 outside 0…MAX_PAGE. */
export function parsePage(raw: string | null): number {
  if (raw === null) return 0;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) > MAX_PAGE) {
    throw new ApiError(422, 'invalid_request', `Ask for a page from 0 to ${MAX_PAGE}.`);
  }
  return Number(raw);
}
