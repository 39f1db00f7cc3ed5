import { appendFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Context } from 'koa';
import { rawBodyIfRead } from './body';

// An opt-in log of every Management API, My Account API and Authentication API exchange Keyward
// makes (/oauth/token, /oauth/revoke, /v2/logout, /oidc/logout), one JSON line each, for the
// schema check (test/schemas/README.md): with LOCAL_TENANT_RECORD_FILE set, every in-process
// tenant of a test run appends to that file. Off (and free) otherwise.

const AUTHENTICATION_PATHS = new Set([
  '/oauth/token',
  '/oauth/revoke',
  '/v2/logout',
  '/oidc/logout',
]);

const recorded = (path: string) =>
  path.startsWith('/api/v2/') || path.startsWith('/me/') || AUTHENTICATION_PATHS.has(path);

function parse(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A form body as an object (the Authentication API takes forms), else the JSON. */
function requestBody(raw: string, type: string | null): unknown {
  if (type?.includes('x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return parse(raw);
}

function responseBody(ctx: Context): unknown {
  const body: unknown = ctx.body;
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return ctx.response.is('json') ? parse(body) : body;
  if (Buffer.isBuffer(body)) return parse(body.toString('utf8'));
  return JSON.parse(JSON.stringify(body));
}

const CAPTURED = Symbol('recorded response body');
const INJECTED = Symbol('injected fault');

/**
 * Marks an answer a test injected (/_local/faults): it is the test's, not the tenant's, and
 * stands for whatever a real tenant might send, so the schema check does not judge it.
 */
export function markInjected(ctx: Context): void {
  (ctx.state as Record<symbol, boolean>)[INJECTED] = true;
}
type Captured = { [CAPTURED]?: Buffer[] };

/**
 * For a request handed to oidc-provider (which writes the raw response itself): keeps a copy of
 * what it writes, so recordExchange can record it. Does nothing when recording is off.
 */
export function captureRawResponse(ctx: Context): void {
  if (!process.env.LOCAL_TENANT_RECORD_FILE || !recorded(ctx.path)) return;
  const res = ctx.res as ServerResponse & Captured;
  const chunks: Buffer[] = [];
  res[CAPTURED] = chunks;
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((...args: unknown[]) => {
    keep(args[0]);
    return write(...args);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') keep(args[0]);
    return end(...args);
  }) as ServerResponse['end'];
}

/** What oidc-provider wrote, as recordExchange records bodies. */
function rawResponse(ctx: Context) {
  const chunks = (ctx.res as ServerResponse & Captured)[CAPTURED];
  if (!chunks) return null;
  const type = String(ctx.res.getHeader('content-type') ?? '') || null;
  const text = Buffer.concat(chunks).toString('utf8');
  return {
    status: ctx.res.statusCode,
    contentType: type,
    body: type?.includes('json') ? parse(text) : text === '' ? null : text,
  };
}

/**
 * Appends the exchange when recording is on and the path is one of Auth0's APIs. `requestType`
 * is the media type the client sent (read before any handler rewrote the request).
 */
export async function recordExchange(ctx: Context, requestType: string | null): Promise<void> {
  const file = process.env.LOCAL_TENANT_RECORD_FILE;
  if (!file || !recorded(ctx.path)) return;
  if ((ctx.state as Record<symbol, boolean>)[INJECTED]) return;
  const provider = ctx.respond === false ? rawResponse(ctx) : null;
  if (ctx.respond === false && !provider) return;
  const raw = await rawBodyIfRead(ctx)?.catch(() => '');
  const line = {
    method: ctx.method,
    path: ctx.path,
    query: ctx.query,
    requestBody: raw === undefined ? null : requestBody(raw, requestType),
    requestType,
    ...(provider ?? {
      status: ctx.status,
      contentType: ctx.response.type || null,
      body: responseBody(ctx),
    }),
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/**
 * Appends a back-channel logout token as the app that received it decoded it (the tenant's
 * provider signs and sends it itself, so the receiving end records it).
 */
export function recordLogoutToken(header: unknown, claims: unknown): void {
  const file = process.env.LOCAL_TENANT_RECORD_FILE;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ kind: 'logout_token', header, claims })}\n`);
}
