'use client';

import { useTranslations } from 'use-intl';
import { mutedClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import type { ActivityKind, ActivityEntry as Entry } from '@/lib/activity/types';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import { exactTime, relativeTime } from './relative-time';
import { useActivityTitle } from './use-activity-title';
import { usePlaceLabel } from './use-place-label';
import { WasntYou } from './wasnt-you';

// Events that may mean someone else is trying: shown in the warning colour.
const WARNING: ReadonlySet<ActivityKind> = new Set([
  'signInFailed',
  'signInBlocked',
  'passwordChangeFailed',
]);

/**
 * One action: what happened and to what, when (relative, exact on hover and for screen readers),
 * from which browser and where, and what to do if it wasn't the person.
 */
export function ActivityEntry({ entry, now }: { entry: Entry; now: number }) {
  const t = useTranslations('security.activity');
  const time = useTranslations('time');
  const locale = usePageLocale();
  const title = useActivityTitle();
  const placeLabel = usePlaceLabel();
  const exact = time('exact', { date: exactTime(entry.at, locale) });
  const device = entry.device
    ? localizeServerText(entry.device, locale, { only: ['device'] })
    : null;
  const where = [device, placeLabel(entry.place), entry.ip ? t('ip', { ip: entry.ip }) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li
      data-activity-kind={entry.kind}
      className="flex flex-col gap-1 border-b border-[var(--kw-border)] py-3 last:border-b-0"
    >
      <div className="flex flex-col gap-0.5 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
        <div className="flex min-w-0 flex-col gap-0.5">
          <p
            className={`break-words font-medium ${WARNING.has(entry.kind) ? 'text-[var(--kw-danger)]' : ''}`}
          >
            {title(entry)}
          </p>
          <p className={`${mutedClass} break-words`}>{where || t('unknownDevice')}</p>
        </div>
        <p className={`${mutedClass} shrink-0`}>
          <time dateTime={entry.at} title={exact}>
            {relativeTime(entry.at, now, locale) ?? time('justNow')}
          </time>
          <span className="sr-only"> ({exact})</span>
        </p>
      </div>
      <WasntYou entry={entry} />
    </li>
  );
}
