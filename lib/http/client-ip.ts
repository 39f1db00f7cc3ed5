import { isIP } from 'node:net';

// Ground floor: imports nothing of Keyward's. The address a request came from, as limits count it
// and mail shows it. It comes from X-Forwarded-For, which a client can write itself when no proxy
// strips it, so only a value that parses as an IP address is used; anything else is "unknown".

export const UNKNOWN_ADDRESS = 'unknown';

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The address in canonical form (IPv4-mapped IPv6 as plain IPv4), or null when it is not one. */
export function parseIp(value: string | null | undefined): string | null {
  if (!value) return null;
  // A port or brackets are how some proxies write it ("[::1]:443", "192.0.2.1:8080").
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.indexOf(':'));
  // A zone ("fe80::1%eth0") names an interface of the proxy, not the client.
  text = text.split('%')[0] ?? '';
  const version = isIP(text);
  if (version === 0) return null;
  if (version === 4) return text;
  const lower = text.toLowerCase();
  const mapped = MAPPED_V4.exec(lower);
  if (mapped?.[1] && isIP(mapped[1]) === 4) return mapped[1];
  // Canonical IPv6 text (RFC 5952) so one address is one key: Node's URL parser compresses it.
  return new URL(`http://[${lower}]/`).hostname.slice(1, -1);
}

/**
 * The client's address from X-Forwarded-For with `hops` trusted proxies in front: proxies append
 * the address that connected to them, so the client is that many entries from the end; entries
 * further left are whatever the client sent. `UNKNOWN_ADDRESS` when that entry is missing or is
 * not an IP address.
 */
export function clientAddress(forwardedFor: string | null, hops: number): string {
  const entries = (forwardedFor ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return parseIp(entries[Math.max(0, entries.length - hops)]) ?? UNKNOWN_ADDRESS;
}

/** Loopback: 127.0.0.0/8, ::1 (and either written as IPv4-mapped IPv6). */
export function isLoopback(value: string | null | undefined): boolean {
  const ip = parseIp(value);
  return ip !== null && (ip === '::1' || /^127\./.test(ip));
}
