'use client';

import { useId } from 'react';
import { useTranslations } from 'use-intl';
import { LineIcon } from '@/components/line-icon';
import { cardClass, dangerButtonClass, mutedClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import { FORMAT_LOCALE } from '@/lib/i18n/config';
import type { ActiveSession } from '@/lib/sessions/types';
import { TimeAgo } from './time-text';
import { useDeviceLabel } from './use-device-label';
import { usePlaceLabel } from './use-place-label';

/** A browser window: the session is a browser's sign-in, whatever the device. */
const BrowserIcon = () => (
  <LineIcon size={24}>
    <rect x="2.5" y="4" width="19" height="16" rx="2.5" />
    <path d="M2.5 8.5h19M6 6.25h.01M8.5 6.25h.01" />
  </LineIcon>
);

type Props = {
  session: ActiveSession;
  now: number;
  onSignOut: (session: ActiveSession) => void;
};

/** One place the account is signed in: a card on narrow screens, a row on wide ones. */
export function SessionCard({ session, now, onSignOut }: Props) {
  const nameId = useId();
  const t = useTranslations('security.sessions');
  const locale = usePageLocale();
  const deviceLabel = useDeviceLabel();
  const device = deviceLabel(session, 'unknownDevice');
  const place = usePlaceLabel()(session.place);
  // "Berlin, Germany, 81.169.145.78": tells apart sessions of one browser kind.
  const where = [place, session.ip].filter(Boolean).join(', ');
  const and = new Intl.ListFormat(FORMAT_LOCALE[locale], { type: 'conjunction' });
  return (
    <li data-session-id={session.id} className={cardClass}>
      <article
        aria-labelledby={nameId}
        className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between"
      >
        <div className="flex min-w-0 flex-1 gap-3">
          <span className="mt-0.5 shrink-0 text-[var(--kw-accent)]">
            <BrowserIcon />
          </span>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <h3 id={nameId} className="break-words font-medium">
                {device}
              </h3>
              {session.current ? (
                <span className="rounded-full bg-[var(--kw-accent)] px-2 py-0.5 text-xs font-medium text-[var(--kw-accent-text)]">
                  {t('thisDevice')}
                </span>
              ) : null}
            </div>
            {session.deviceType ? (
              <p className={mutedClass}>{t(`deviceTypes.${session.deviceType}`)}</p>
            ) : null}
            {place ? <p className={`${mutedClass} break-words`}>{t('place', { place })}</p> : null}
            {session.ip ? (
              <p className={`${mutedClass} break-all`}>{t('ip', { ip: session.ip })}</p>
            ) : null}
            <TimeAgo label="signedIn" iso={session.startedAt} now={now} />
            <TimeAgo label="lastActive" iso={session.lastActiveAt} now={now} />
            {session.applications.length > 0 ? (
              <p className={mutedClass}>
                {t('applications', { list: and.format(session.applications) })}
              </p>
            ) : null}
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <button type="button" className={dangerButtonClass} onClick={() => onSignOut(session)}>
            {t('signOut')}
            <span className="sr-only">
              {' '}
              {session.current
                ? t('signOutOfThisDevice')
                : where
                  ? t('signOutOfWithIp', { device: deviceLabel(session), ip: where })
                  : t('signOutOf', { device: deviceLabel(session) })}
            </span>
          </button>
        </div>
      </article>
    </li>
  );
}
