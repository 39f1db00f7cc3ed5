import { exactTime, relativeTime, shortDate } from './relative-time';

/** "Last used: 2 days ago", with the exact time on hover (title) and for screen readers. */
export function LastUsed({ iso, now }: { iso: string | null; now: number }) {
  if (!iso) return <p className="text-sm text-[var(--kw-muted)]">Never used</p>;
  const exact = exactTime(iso);
  return (
    <p className="text-sm text-[var(--kw-muted)]">
      Last used:{' '}
      <time dateTime={iso} title={exact}>
        {relativeTime(iso, now)}
      </time>
      <span className="sr-only"> ({exact})</span>
    </p>
  );
}

/** "Created: 14 May 2026", exact time on hover. */
export function Created({ iso }: { iso: string | null }) {
  if (!iso) return null;
  return (
    <p className="text-sm text-[var(--kw-muted)]">
      Created:{' '}
      <time dateTime={iso} title={exactTime(iso)}>
        {shortDate(iso)}
      </time>
    </p>
  );
}

/** "Last active: 2 days ago" with any label; the exact time on hover and for screen readers. */
export function TimeAgo({ label, iso, now }: { label: string; iso: string | null; now: number }) {
  if (!iso) return null;
  const exact = exactTime(iso);
  return (
    <p className="text-sm text-[var(--kw-muted)]">
      {label}:{' '}
      <time dateTime={iso} title={exact}>
        {relativeTime(iso, now)}
      </time>
      <span className="sr-only"> ({exact})</span>
    </p>
  );
}
