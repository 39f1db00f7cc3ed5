import { randomInt } from 'node:crypto';
import type { Context } from 'koa';
import { UAParser } from 'ua-parser-js';
import { APP_CLIENT_ID, DATABASE_CONNECTION } from '../config';
import type { TenantDb } from '../db';
import { clientIp } from '../http/client-ip';
import { summarizeUserAgent } from '../my-account/user-agent';

// Auth0's tenant log, as far as Keyward reads it: one event per sign-in the tenant performs and
// per change made through its APIs, shaped like Auth0's (docs-v2 `oas/tenant-logs/logs-schema.json`:
// `log_id`, `type`, `date`, `description`, `ip`, `user_agent` as "Chrome 120.0.0 / Mac OS X
// 10.15.7", `details`, …) and served by GET /api/v2/users/{id}/logs.

/** A stored event: Auth0's fields, the ones that do not apply left out. */
export type LogEvent = {
  log_id: string;
  type: string;
  date: string;
  description: string;
  ip?: string;
  user_agent?: string;
  isMobile?: boolean;
  user_id?: string;
  user_name?: string;
  client_id?: string;
  client_name?: string;
  connection?: string;
  strategy?: string;
  strategy_type?: string;
  hostname?: string;
  details: Record<string, unknown>;
};

export type NewLogEvent = Omit<LogEvent, 'log_id' | 'date' | 'user_agent' | 'isMobile'> & {
  /** The raw User-Agent header; stored as Auth0's summary of it. */
  userAgentHeader?: string | null;
  date?: string;
};

/**
 * Auth0's log ids are long decimal strings that grow with time ("900202112011851325720…"); the
 * time first keeps ids in event order, the random tail keeps them apart.
 */
function newLogId(at: Date): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 17).padEnd(17, '0');
  let tail = '';
  while (tail.length < 36) tail += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return `900${stamp}${tail}`;
}

const MOBILE_OS: ReadonlySet<string> = new Set(['iOS', 'Android', 'iPadOS']);

/** Writes one event; returns it as the API will serve it. */
export function recordLog(db: TenantDb, input: NewLogEvent): LogEvent {
  const { userAgentHeader, date, ...fields } = input;
  const at = date ? new Date(date) : new Date();
  const summary = summarizeUserAgent(userAgentHeader ?? undefined);
  const event: LogEvent = {
    ...fields,
    log_id: newLogId(at),
    date: at.toISOString(),
    ...(summary
      ? {
          user_agent: summary,
          isMobile: MOBILE_OS.has(UAParser(userAgentHeader ?? '').os.name ?? ''),
        }
      : {}),
  };
  db.prepare('INSERT INTO log_events (log_id, user_id, date, event) VALUES (?, ?, ?, ?)').run(
    event.log_id,
    event.user_id ?? null,
    event.date,
    JSON.stringify(event),
  );
  return event;
}

/** Every stored event of one user, oldest first (the route sorts and pages). */
export function userLogs(db: TenantDb, userId: string): LogEvent[] {
  const rows = db
    .prepare('SELECT event FROM log_events WHERE user_id = ? ORDER BY seq')
    .all(userId) as { event: string }[];
  return rows.map((row) => JSON.parse(row.event) as LogEvent);
}

/** Where a request came from, as Auth0 logs it: the client's address and its User-Agent. */
export function requestOrigin(ctx: Context): { ip?: string; userAgentHeader: string | null } {
  const ip = clientIp(ctx);
  return { ...(ip ? { ip } : {}), userAgentHeader: ctx.get('user-agent') || null };
}

/** The database connection's fields on a sign-in event. */
export const DATABASE_LOGIN = {
  connection: DATABASE_CONNECTION,
  strategy: 'auth0',
  strategy_type: 'database',
} as const;

export const GOOGLE_LOGIN = {
  connection: 'google-oauth2',
  strategy: 'google-oauth2',
  strategy_type: 'social',
} as const;

/** Auth0 names the application on sign-in events; only Keyward's own is known here. */
export function clientFields(clientId: string | undefined): {
  client_id?: string;
  client_name?: string;
} {
  if (!clientId) return {};
  return { client_id: clientId, client_name: clientId === APP_CLIENT_ID ? 'Keyward' : clientId };
}

/**
 * Auth0's `sapi`, "Successful management API write event": who called (the machine-to-machine
 * client), the request's method and path, the answer's status. Which user's log it reaches is
 * UNCONFIRMED for Auth0 (test/contract); here it is the user the write was about.
 */
export function recordApiWrite(
  db: TenantDb,
  ctx: Context,
  write: { userId: string; description: string; clientId?: unknown },
): LogEvent {
  const clientId = typeof write.clientId === 'string' ? write.clientId : undefined;
  return recordLog(db, {
    type: 'sapi',
    description: write.description,
    ...requestOrigin(ctx),
    user_id: write.userId,
    ...(clientId ? { client_id: clientId, client_name: clientId } : {}),
    details: {
      request: { method: ctx.method.toLowerCase(), path: ctx.path, channel: 'api' },
      response: { statusCode: ctx.status },
    },
  });
}
