'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'use-intl';
import { RetryAlert } from '@/components/ui/retry-alert';
import { dangerButtonClass, mutedClass } from '@/components/ui/styles';
import { PlaceAttribution } from './place-attribution';
import { SectionLoading } from './section-loading';
import { SessionCard } from './session-card';
import { useSessionsState } from './sessions-provider';
import { SessionsStatus } from './sessions-status';
import { useSeen } from './use-in-view';

/** "Where you're signed in": every session of the account, with a way to end each, or the rest. */
export function SessionsPanel() {
  const {
    view,
    loadError,
    loading,
    want,
    status,
    statusRef,
    now,
    refresh,
    signOut,
    signOutOthers,
  } = useSessionsState();
  const others = view?.sessions.filter((s) => !s.current).length ?? 0;
  const t = useTranslations('security.sessions');
  const section = useRef<HTMLElement>(null);
  const seen = useSeen(section);
  useEffect(() => {
    if (seen) want();
  }, [seen, want]);
  return (
    <section ref={section} aria-labelledby="sessions-heading" className="mt-2 flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          {t('title')}
        </h2>
        {/* A plan without sessions: one plain sentence instead of the list or an error. */}
        <p className={mutedClass}>{view?.notOnPlan ? t('notOnPlan') : t('intro')}</p>
      </div>
      {/* The live region stays mounted but takes no room while empty. */}
      <div>
        <SessionsStatus ref={statusRef} status={status} />
        {view?.notOnPlan ? null : view ? (
          <div className="flex flex-col gap-3">
            {view.sessions.length > 0 ? (
              <ul className="flex flex-col gap-3">
                {view.sessions.map((session) => (
                  <SessionCard key={session.id} session={session} now={now} onSignOut={signOut} />
                ))}
              </ul>
            ) : (
              <p className={mutedClass}>{t('none')}</p>
            )}
            {others > 0 ? (
              <div>
                <button type="button" className={dangerButtonClass} onClick={signOutOthers}>
                  {t('signOutOthers')}
                </button>
              </div>
            ) : null}
            <PlaceAttribution section="sessions" />
          </div>
        ) : loadError === null ? (
          <SectionLoading text={t('loading')} />
        ) : (
          <RetryAlert
            message={t('loadError', { message: loadError ?? t('loadErrorDefault') })}
            busy={loading}
            onRetry={() => void refresh()}
          />
        )}
      </div>
    </section>
  );
}
