import { invalidQuery } from './errors';

export interface PageQuery {
  page: number;
  perPage: number;
  includeTotals: boolean;
}

function integer(raw: unknown, name: string, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== 'string' || !/^\d+$/.test(text)) {
    throw invalidQuery(`Expected type integer but found type string. (${name})`);
  }
  const value = Number(text);
  if (value < min || value > max) {
    throw invalidQuery(`Value ${value} is out of range [${min}, ${max}] (${name})`);
  }
  return value;
}

/** Auth0's list paging: page ≥ 0 (default 0), per_page 0–100 (default 50), include_totals. */
export function parsePageQuery(
  query: Record<string, unknown>,
  options: { minPerPage?: number } = {},
): PageQuery {
  const totals = Array.isArray(query.include_totals)
    ? query.include_totals[0]
    : query.include_totals;
  if (totals !== undefined && totals !== 'true' && totals !== 'false') {
    throw invalidQuery('Expected type boolean but found type string. (include_totals)');
  }
  return {
    page: integer(query.page, 'page', 0, Number.MAX_SAFE_INTEGER, 0),
    perPage: integer(query.per_page, 'per_page', options.minPerPage ?? 0, 100, 50),
    includeTotals: totals === 'true',
  };
}

/** `{start, limit, total, authenticators}` with totals, otherwise the bare page array. */
export function paginate<T>(
  items: T[],
  query: PageQuery,
):
  | T[]
  | {
      start: number;
      limit: number;
      total: number;
      authenticators: T[];
    } {
  const start = query.page * query.perPage;
  const slice = items.slice(start, start + query.perPage);
  if (!query.includeTotals) return slice;
  return { start, limit: query.perPage, total: items.length, authenticators: slice };
}

function one(raw: unknown): unknown {
  return Array.isArray(raw) ? raw[0] : raw;
}

/** Auth0's checkpoint paging: `from` (the cursor of the previous page's `next`), `take` 1–100. */
export function parseCheckpoint(query: Record<string, unknown>) {
  const totals = one(query.include_totals);
  if (totals !== undefined && totals !== 'true' && totals !== 'false') {
    throw invalidQuery('Expected type boolean but found type string. (include_totals)');
  }
  const rawTake = one(query.take);
  let take = 50;
  if (rawTake !== undefined) {
    if (typeof rawTake !== 'string' || !/^\d+$/.test(rawTake)) {
      throw invalidQuery('Expected type integer but found type string. (take)');
    }
    take = Number(rawTake);
    if (take < 1 || take > 100) throw invalidQuery(`Value ${take} is out of range [1, 100] (take)`);
  }
  const from = one(query.from);
  return { take, from: typeof from === 'string' && from !== '' ? from : null };
}
