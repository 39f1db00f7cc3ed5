'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useAccountChanges } from '@/components/account-changes';
import { RetryAlert } from '@/components/ui/retry-alert';
import { buttonClass, cardClass, mutedClass } from '@/components/ui/styles';
import type { ActivityEntry as Entry } from '@/lib/activity/types';
import { fetchActivity } from './activity-api';
import { ActivityEntry } from './activity-entry';
import { ActivityFrame } from './activity-frame';
import { PlaceAttribution } from './place-attribution';
import { SectionLoading } from './section-loading';

type State =
  | { phase: 'loading' }
  | { phase: 'error'; message: string }
  | {
      phase: 'ready';
      entries: Entry[];
      nextPage: number | null;
      notOnPlan: boolean;
      loadedAt: number;
      /** How many rows are shown: 10, and 10 more per "Show more". */
      visible: number;
    };

const ROWS = 10;

/**
 * "Recent activity" once its section has been seen (ActivityPanel): each page of it is one call
 * to GET /api/activity. Ten rows at first; "Show more" shows ten more, reading the next page only
 * when the rows already read run out. Read again after each of the person's own changes.
 */
export function ActivityFeed({ apiBase }: { apiBase: string }) {
  const t = useTranslations('security.activity');
  const common = useTranslations('common');
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const [announcement, setAnnouncement] = useState('');

  const loadFirst = useCallback(
    async (quietly = false) => {
      if (!quietly) setState({ phase: 'loading' });
      const result = await fetchActivity(apiBase, 0);
      setState((previous) => {
        if (!result.ok) {
          // A refresh that fails keeps the rows already shown.
          return quietly && previous.phase === 'ready'
            ? previous
            : { phase: 'error', message: result.message };
        }
        const visible = previous.phase === 'ready' ? Math.max(ROWS, previous.visible) : ROWS;
        return { phase: 'ready', ...result.data, loadedAt: Date.now(), visible };
      });
    },
    [apiBase],
  );

  const notOnPlan = state.phase === 'ready' && state.notOnPlan;
  useEffect(() => {
    void loadFirst();
  }, [loadFirst]);
  // The person's own change is in Auth0's log once its write was answered.
  const shown = useRef(false);
  shown.current = state.phase === 'ready';
  const onAccountChange = useCallback(() => {
    if (shown.current) void loadFirst(true);
  }, [loadFirst]);
  useAccountChanges(onAccountChange);

  const loadMore = async () => {
    if (state.phase !== 'ready') return;
    if (state.visible < state.entries.length || state.nextPage === null) {
      const visible = Math.min(state.visible + ROWS, state.entries.length);
      setState({ ...state, visible });
      setAnnouncement(t('loadedMore', { count: visible - state.visible }));
      return;
    }
    setMore({ busy: true, error: null });
    const result = await fetchActivity(apiBase, state.nextPage);
    if (!result.ok) {
      setMore({ busy: false, error: result.message });
      return;
    }
    setMore({ busy: false, error: null });
    const entries = [...state.entries, ...result.data.entries];
    const visible = Math.min(state.visible + ROWS, entries.length);
    setState({
      phase: 'ready',
      entries,
      nextPage: result.data.nextPage,
      notOnPlan: result.data.notOnPlan,
      loadedAt: Date.now(),
      visible,
    });
    setAnnouncement(t('loadedMore', { count: visible - state.visible }));
  };

  return (
    <ActivityFrame
      notOnPlan={notOnPlan}
      live={state.phase === 'loading' ? t('loading') : announcement}
    >
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
              {state.entries.slice(0, state.visible).map((entry) => (
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
          {state.nextPage !== null || state.visible < state.entries.length ? (
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
          <div className="pb-3">
            <PlaceAttribution section="activity" />
          </div>
        </div>
      )}
    </ActivityFrame>
  );
}
