'use client';

import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { usePageLocale } from '@/components/use-page-locale';
import { exactTime, relativeTime, shortDate } from './relative-time';

const muted = 'text-sm text-[var(--kw-muted)]';

/**
 * "Last used: 2 days ago" and the like: the relative time in the sentence, the exact time on
 * hover (title) and for screen readers.
 */
function RelativeLine({
  message,
  iso,
  now,
}: {
  message: 'lastUsed' | 'signedIn' | 'lastActive';
  iso: string;
  now: number;
}) {
  const t = useTranslations('time');
  const locale = usePageLocale();
  const exact = t('exact', { date: exactTime(iso, locale) });
  return (
    <p className={muted}>
      {t.rich(message, {
        when: relativeTime(iso, now, locale) ?? t('justNow'),
        time: (chunks: ReactNode) => (
          <time dateTime={iso} title={exact}>
            {chunks}
          </time>
        ),
      })}
      <span className="sr-only"> ({exact})</span>
    </p>
  );
}

/** "Last used: 2 days ago", or "Never used". */
export function LastUsed({ iso, now }: { iso: string | null; now: number }) {
  const t = useTranslations('time');
  if (!iso) return <p className={muted}>{t('neverUsed')}</p>;
  return <RelativeLine message="lastUsed" iso={iso} now={now} />;
}

/** "Created: 14 May 2026", exact time on hover. */
export function Created({ iso }: { iso: string | null }) {
  const t = useTranslations('time');
  const locale = usePageLocale();
  if (!iso) return null;
  return (
    <p className={muted}>
      {t.rich('created', {
        date: shortDate(iso, locale),
        time: (chunks: ReactNode) => (
          <time dateTime={iso} title={t('exact', { date: exactTime(iso, locale) })}>
            {chunks}
          </time>
        ),
      })}
    </p>
  );
}

/** "Signed in: 2 days ago" / "Last active: …". */
export function TimeAgo({
  label,
  iso,
  now,
}: {
  label: 'signedIn' | 'lastActive';
  iso: string | null;
  now: number;
}) {
  if (!iso) return null;
  return <RelativeLine message={label} iso={iso} now={now} />;
}
