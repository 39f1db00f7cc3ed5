import { describe, expect, it } from 'vitest';
import { exactTime, relativeTime, shortDate } from './relative-time';

const NOW = Date.parse('2026-05-14T10:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it.each([
    [0, null],
    [59, null],
    [-3600, null],
    [60, '1 minute ago'],
    [5 * 60, '5 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [86400, '1 day ago'],
    [2 * 86400 + 600, '2 days ago'],
    [40 * 86400, '1 month ago'],
    [400 * 86400, '1 year ago'],
  ])('%i seconds ago reads %s', (seconds, text) => {
    expect(relativeTime(ago(seconds), NOW, 'en')).toBe(text);
  });

  it('speaks German through Intl, plurals included', () => {
    expect(relativeTime(ago(86400), NOW, 'de')).toBe('vor 1 Tag');
    expect(relativeTime(ago(2 * 86400), NOW, 'de')).toBe('vor 2 Tagen');
    expect(relativeTime(ago(3 * 30 * 86400), NOW, 'de')).toBe('vor 3 Monaten');
  });

  it('formats exact and short dates in UTC', () => {
    expect(shortDate('2026-05-14T23:30:00Z', 'en')).toBe('14 May 2026');
    expect(exactTime('2026-05-14T10:00:00Z', 'en')).toBe('14 May 2026 at 10:00');
    expect(shortDate('2026-05-14T23:30:00Z', 'de')).toBe('14.05.2026');
    expect(exactTime('2026-05-14T10:00:00Z', 'de')).toBe('14. Mai 2026 um 10:00');
  });
});
