'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { useAccountChanges } from '@/components/account-changes';
import { RetryAlert } from '@/components/ui/retry-alert';
import { buttonClass, cardClass, mutedClass } from '@/components/ui/styles';
import type { ActivityEntry as Entry } from '@/lib/activity/types';
import { fetchActivity } from './activity-api';
import { ActivityEntry } from './activity-entry';
import { PlaceAttribution } from './place-attribution';
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
      /** How many rows are shown: 10, and 10 more per "Show more". */
      visible: number;
    };

const ROWS = 10;

/**
 * "Recent activity": loaded by the browser once the section comes into view, so the page never
 * waits for Auth0's logs and a view that does not reach it costs no call; each page of it is one
 * call to GET /api/activity. Ten rows at first; "Show more" shows ten more, reading the next page
 * only when the rows already read run out. Read again after each of the person's own changes.
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
  const section = useRef<HTMLElement>(null);
  const seen = useSeen(section);
  useEffect(() => {
    if (seen) void loadFirst();
  }, [seen, loadFirst]);
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
    </section>
  );
}
