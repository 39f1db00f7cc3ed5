import { appendFileSync } from 'node:fs';
import type { Context } from 'koa';
import { rawBodyIfRead } from './body';

// An opt-in log of every Management API and My Account API exchange, one JSON line each, for the
// schema check (test/schemas/README.md): with LOCAL_TENANT_RECORD_FILE set, every in-process
// tenant of a test run appends to that file. Off (and free) otherwise.

function parse(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function responseBody(ctx: Context): unknown {
  const body: unknown = ctx.body;
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return ctx.response.is('json') ? parse(body) : body;
  if (Buffer.isBuffer(body)) return parse(body.toString('utf8'));
  return JSON.parse(JSON.stringify(body));
}

/** Appends the exchange when recording is on and the path is one of Auth0's APIs. */
export async function recordExchange(ctx: Context): Promise<void> {
  const file = process.env.LOCAL_TENANT_RECORD_FILE;
  if (!file || !(ctx.path.startsWith('/api/v2/') || ctx.path.startsWith('/me/'))) return;
  if (ctx.respond === false) return;
  const raw = await rawBodyIfRead(ctx)?.catch(() => '');
  const line = {
    method: ctx.method,
    path: ctx.path,
    query: ctx.query,
    requestBody: raw === undefined ? null : parse(raw),
    status: ctx.status,
    contentType: ctx.response.type || null,
    body: responseBody(ctx),
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
