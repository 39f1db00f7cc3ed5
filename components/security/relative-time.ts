import type { Locale } from '@/lib/i18n/config';
import { FORMAT_LOCALE } from '@/lib/i18n/config';

// Dates on the security page, through Intl in the page's language. Exact times are shown in UTC
// so the server render and the browser's hydration produce the same text whatever the two time
// zones are.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const formats = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
) {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format as T;
}

const relative = (locale: Locale) =>
  cached(
    `rel:${locale}`,
    () => new Intl.RelativeTimeFormat(FORMAT_LOCALE[locale], { numeric: 'always' }),
  );
const dateOnly = (locale: Locale) =>
  cached(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(FORMAT_LOCALE[locale], { dateStyle: 'medium', timeZone: 'UTC' }),
  );
const dateTime = (locale: Locale) =>
  cached(
    `datetime:${locale}`,
    () =>
      new Intl.DateTimeFormat(FORMAT_LOCALE[locale], {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'UTC',
      }),
  );

/**
 * "5 minutes ago", "2 days ago", "vor 3 Monaten"; null under a minute (and for future times),
 * which the caller words as "just now".
 */
export function relativeTime(iso: string, nowMs: number, locale: Locale): string | null {
  const seconds = Math.floor((nowMs - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds) || seconds < MINUTE) return null;
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [YEAR, 'year'],
    [MONTH, 'month'],
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  for (const [size, unit] of steps) {
    if (seconds >= size) return relative(locale).format(-Math.floor(seconds / size), unit);
  }
  return null;
}

/** "14 May 2026", "14.05.2026" */
export function shortDate(iso: string, locale: Locale): string {
  return dateOnly(locale).format(new Date(iso));
}

/** "14 May 2026 at 10:00", "14. Mai 2026 um 10:00" (UTC; the caller adds the zone). */
export function exactTime(iso: string, locale: Locale): string {
  return dateTime(locale).format(new Date(iso));
}
