'use client';

import { useId } from 'react';
import { LineIcon } from '@/components/line-icon';
import { cardClass, dangerButtonClass, mutedClass } from '@/components/ui/styles';
import type { ActiveSession } from '@/lib/sessions/types';
import { TimeAgo } from './time-text';

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
  const device = session.device ?? 'Unknown device';
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
                  This device
                </span>
              ) : null}
            </div>
            {session.ip ? (
              <p className={`${mutedClass} break-all`}>IP address {session.ip}</p>
            ) : null}
            <TimeAgo label="Signed in" iso={session.startedAt} now={now} />
            <TimeAgo label="Last active" iso={session.lastActiveAt} now={now} />
            {session.applications.length > 0 ? (
              <p className={mutedClass}>Applications: {session.applications.join(' and ')}</p>
            ) : null}
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          <button type="button" className={dangerButtonClass} onClick={() => onSignOut(session)}>
            Sign out
            <span className="sr-only">
              {' '}
              {session.current
                ? 'of this device'
                : `of ${device}${session.ip ? `, ${session.ip}` : ''}`}
            </span>
          </button>
        </div>
      </article>
    </li>
  );
}
