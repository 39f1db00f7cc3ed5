'use client';

import { useTranslations } from 'use-intl';
import { RetryAlert } from '@/components/ui/retry-alert';
import { dangerButtonClass, mutedClass } from '@/components/ui/styles';
import { PlaceAttribution } from './place-attribution';
import { SessionCard } from './session-card';
import { useSessionsState } from './sessions-provider';

/** The sessions once read (or the failure to read them), loaded with them. */
export function SessionsList() {
  const { view, loadError, loading, now, refresh, signOut, signOutOthers } = useSessionsState();
  const t = useTranslations('security.sessions');
  if (!view) {
    return (
      <RetryAlert
        message={t('loadError', { message: loadError ?? t('loadErrorDefault') })}
        busy={loading}
        onRetry={() => void refresh()}
      />
    );
  }
  const others = view.sessions.filter((s) => !s.current).length;
  return (
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
  );
}
