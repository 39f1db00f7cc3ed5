'use client';

import { Suspense, useEffect, useRef } from 'react';
import { useTranslations } from 'use-intl';
import { lazyControl } from '@/components/lazy-control';
import { mutedClass } from '@/components/ui/styles';
import { SectionLoading } from './section-loading';
import { useSessionsState } from './sessions-provider';
import { SessionsStatus } from './sessions-status';
import { useSeen } from './use-in-view';

// The cards, their places and sign-out buttons load with the list, when the section is seen.
const SessionsList = lazyControl(async () => (await import('./sessions-list')).SessionsList);

/** "Where you're signed in": every session of the account, with a way to end each, or the rest. */
export function SessionsPanel() {
  const { view, loadError, want, status, statusRef } = useSessionsState();
  const t = useTranslations('security.sessions');
  const section = useRef<HTMLElement>(null);
  const seen = useSeen(section);
  useEffect(() => {
    if (!seen) return;
    want();
    SessionsList.preload();
  }, [seen, want]);
  const loading = <SectionLoading text={t('loading')} />;
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
        {view?.notOnPlan ? null : view || loadError !== null ? (
          <Suspense fallback={loading}>
            <SessionsList />
          </Suspense>
        ) : (
          loading
        )}
      </div>
    </section>
  );
}
