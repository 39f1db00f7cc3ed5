import { parse as parseQuery } from 'node:querystring';
import type { Context } from 'koa';

const LIMIT = 64 * 1024;

export class BodyError extends Error {}

async function readStream(ctx: Context): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > LIMIT) throw new BodyError('request entity too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const RAW = Symbol('raw body');
type WithRaw = { [RAW]?: Promise<string> };

/** The request's body, read from the socket once, whoever asks first. */
function readRaw(ctx: Context): Promise<string> {
  const state = ctx.state as WithRaw;
  state[RAW] ??= readStream(ctx);
  return state[RAW];
}

/** The raw body when something has read it (the schema recorder), else undefined. */
export function rawBodyIfRead(ctx: Context): Promise<string> | undefined {
  return (ctx.state as WithRaw)[RAW];
}

/**
 * Reads the body now, before an injected delay: Auth0 acts on a request it has received even if
 * the caller stops waiting, and a write slowed down here must too, not vanish with the socket.
 */
export async function receiveBody(ctx: Context): Promise<void> {
  await readRaw(ctx).catch(() => undefined);
}

/** Parses a JSON or form body into a plain object (empty object for an empty body). */
export async function readBody(ctx: Context): Promise<Record<string, unknown>> {
  const raw = await readRaw(ctx);
  if (raw.trim() === '') return {};
  if (ctx.is('application/x-www-form-urlencoded')) {
    return { ...parseQuery(raw) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new BodyError('Invalid JSON body');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BodyError('Body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
