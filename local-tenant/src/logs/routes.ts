import type { Router } from '../http/router';
import { invalidQuery } from '../management/errors';
import { apiHandler } from '../management/handler';
import { parsePageQuery } from '../management/pagination';
import { requirePlan } from '../management/plan';
import type { Tenant } from '../tenant';
import { type LogEvent, userLogs } from './events';

// GET /api/v2/users/{id}/logs: scopes read:logs or read:logs_users; page, per_page (at most 100),
// sort ("field:1" / "field:-1"), include_totals. Auth0 lets a search be paged through its first
// 1,000 results only ("retrieve-log-events-using-mgmt-api", Limitations). The spec lists no 404:
// a user without events, or an unknown id, has an empty log.

const SORT_PATTERN = /^(([a-zA-Z0-9_.]+)):(1|-1)$/;
const SORTABLE: ReadonlySet<string> = new Set([
  'date',
  'type',
  'ip',
  'description',
  'client_id',
  'client_name',
  'connection',
  'user_name',
  'log_id',
]);
export const SEARCH_WINDOW = 1000;

function parseSort(raw: unknown): { field: keyof LogEvent; order: 1 | -1 } {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined) return { field: 'date', order: -1 };
  const match = typeof text === 'string' ? SORT_PATTERN.exec(text) : null;
  if (!match) {
    throw invalidQuery(
      `String does not match pattern ^(([a-zA-Z0-9_\\.]+))\\:(1|-1)$: ${String(text)} (sort)`,
    );
  }
  const field = match[1] ?? '';
  if (!SORTABLE.has(field)) throw invalidQuery(`Invalid sort field: ${field} (sort)`);
  return { field: field as keyof LogEvent, order: match[3] === '1' ? 1 : -1 };
}

function compare(field: keyof LogEvent, order: 1 | -1) {
  return (a: LogEvent, b: LogEvent) => {
    const left = String(a[field] ?? '');
    const right = String(b[field] ?? '');
    // Ties (and the log id's own order) keep newer events after older ones when ascending.
    return (left < right ? -1 : left > right ? 1 : a.log_id < b.log_id ? -1 : 1) * order;
  };
}

export function registerLogRoutes(router: Router, tenant: Tenant): void {
  router.add(
    'GET',
    '/api/v2/users/:id/logs',
    apiHandler(tenant, { anyOf: ['read:logs', 'read:logs_users'] }, ({ ctx, params }) => {
      requirePlan(tenant, 'logs');
      // The logs' OAS `per_page` has minimum 1 (the methods list's has 0).
      const query = parsePageQuery(ctx.query, { minPerPage: 1 });
      const { field, order } = parseSort(ctx.query.sort);
      const start = query.page * query.perPage;
      if (start + query.perPage > SEARCH_WINDOW) {
        throw invalidQuery(
          `You can only page through the first ${SEARCH_WINDOW} records (page, per_page)`,
        );
      }
      const all = userLogs(tenant.db, params.id ?? '').sort(compare(field, order));
      const logs = all.slice(start, start + query.perPage);
      ctx.body = query.includeTotals
        ? { start, limit: query.perPage, length: logs.length, total: all.length, logs }
        : logs;
    }),
  );
}
