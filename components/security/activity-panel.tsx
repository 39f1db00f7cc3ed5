'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { RetryAlert } from '@/components/ui/retry-alert';
import { buttonClass, cardClass, mutedClass } from '@/components/ui/styles';
import type { ActivityEntry as Entry } from '@/lib/activity/types';
import { fetchActivity } from './activity-api';
import { ActivityEntry } from './activity-entry';
import { SectionLoading } from './section-loading';
import { useSeen } from './use-in-view';

type State =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | {
      phase: 'ready';
      entries: Entry[];
      nextPage: number | null;
      notOnPlan: boolean;
      loadedAt: number;
    };

/**
 * "Recent activity": loaded by the browser once the section comes into view, so the page never
 * waits for Auth0's logs and a view that does not reach it costs no call; each page of it is one
 * call to GET /api/activity.
 */
export function ActivityPanel({ apiBase }: { apiBase: string }) {
  const t = useTranslations('security.activity');
  const common = useTranslations('common');
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const [announcement, setAnnouncement] = useState('');

  const loadFirst = useCallback(async () => {
    setState({ phase: 'loading' });
    const result = await fetchActivity(apiBase, 0);
    setState(
      result.ok
        ? { phase: 'ready', ...result.data, loadedAt: Date.now() }
        : { phase: 'error', message: result.message },
    );
  }, [apiBase]);

  const notOnPlan = state.phase === 'ready' && state.notOnPlan;
  const section = useRef<HTMLElement>(null);
  const seen = useSeen(section);
  useEffect(() => {
    if (seen) void loadFirst();
  }, [seen, loadFirst]);

  const loadMore = async () => {
    if (state.phase !== 'ready' || state.nextPage === null) return;
    setMore({ busy: true, error: null });
    const result = await fetchActivity(apiBase, state.nextPage);
    if (!result.ok) {
      setMore({ busy: false, error: result.message });
      return;
    }
    setMore({ busy: false, error: null });
    setState({
      phase: 'ready',
      entries: [...state.entries, ...result.data.entries],
      nextPage: result.data.nextPage,
      notOnPlan: result.data.notOnPlan,
      loadedAt: Date.now(),
    });
    setAnnouncement(t('loadedMore', { count: result.data.entries.length }));
  };

  return (
    <section ref={section} aria-labelledby="activity-heading" className="mt-2 flex flex-col gap-3">
      <div className="flex flex-col gap-1">
        <h2 id="activity-heading" className="text-xl font-semibold">
          {t('title')}
        </h2>
        {/* A plan without user logs: one plain sentence instead of the list or an error. */}
        <p className={mutedClass}>{notOnPlan ? t('notOnPlan') : t('intro')}</p>
      </div>
      {/* A polite live region, not a second role="status": the page keeps one status message. */}
      <p aria-live="polite" className="sr-only">
        {state.phase === 'loading' ? t('loading') : announcement}
      </p>
      {notOnPlan ? null : state.phase === 'loading' ? (
        <SectionLoading text={t('loading')} />
      ) : state.phase === 'error' ? (
        <RetryAlert
          message={t('loadError', { message: state.message })}
          onRetry={() => void loadFirst()}
        />
      ) : (
        <div className={`${cardClass} flex flex-col gap-2 py-1`}>
          {state.entries.length > 0 ? (
            <ul aria-labelledby="activity-heading" className="flex flex-col">
              {state.entries.map((entry) => (
                <ActivityEntry key={entry.id} entry={entry} now={state.loadedAt} />
              ))}
            </ul>
          ) : (
            <p className={`${mutedClass} py-3`}>{t('empty')}</p>
          )}
          {more.error ? (
            <p role="alert" className="text-sm text-[var(--kw-danger)]">
              {t('loadError', { message: more.error })}
            </p>
          ) : null}
          {state.nextPage !== null ? (
            <div className="pb-3">
              <button
                type="button"
                className={buttonClass}
                disabled={more.busy}
                onClick={() => void loadMore()}
              >
                {more.busy ? t('loadingMore') : more.error ? common('tryAgain') : t('showMore')}
              </button>
            </div>
          ) : state.entries.length > 0 ? (
            <p className={`${mutedClass} pb-3`}>{t('end')}</p>
          ) : null}
        </div>
      )}
    </section>
  );
}
