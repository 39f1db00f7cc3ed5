// Dates on the security page. Exact times are shown in UTC so the server render and the browser's
// hydration produce the same text whatever the two time zones are.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "just now", "5 minutes ago", "2 days ago", "3 months ago"; future times read "just now". */
export function relativeTime(iso: string, nowMs: number): string {
  const seconds = Math.floor((nowMs - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds) || seconds < MINUTE) return 'just now';
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [YEAR, 'year'],
    [MONTH, 'month'],
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  for (const [size, unit] of steps) {
    if (seconds >= size) return relative.format(-Math.floor(seconds / size), unit);
  }
  return 'just now';
}

/** "14 May 2026" */
export function shortDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** "14 May 2026 at 10:00 UTC" */
export function exactTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}
