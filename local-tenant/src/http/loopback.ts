import { isIP } from 'node:net';
import type { Context } from 'koa';

// The local inbox shows every mail the tenant sent, reset links included: it is for the person at
// this machine. The tenant listens on loopback only, but a reverse proxy or a port forward on the
// same machine would connect from loopback on someone else's behalf, so a request that says it was
// forwarded is not treated as local either.

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/** 127.0.0.0/8 or ::1, also in IPv4-mapped IPv6 form. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().replace(/^::ffff:/, '');
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1' || plain === '0:0:0:0:0:0:0:1';
}

/** Whether the request comes straight from this machine (the socket's address, never a header). */
export function isLoopbackCaller(
  remoteAddress: string | undefined,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  return (
    isLoopbackAddress(remoteAddress) &&
    FORWARDING_HEADERS.every((name) => headers[name] === undefined)
  );
}

/** Answers 403 and returns false unless the caller is local (see isLoopbackCaller). */
export function allowLoopbackOnly(ctx: Context): boolean {
  if (isLoopbackCaller(ctx.req.socket.remoteAddress, ctx.headers)) return true;
  ctx.status = 403;
  ctx.set('cache-control', 'no-store');
  ctx.body = {
    error: 'access_denied',
    error_description: 'The local inbox is served to this machine only.',
  };
  return false;
}
