'use client';

import {
  createContext,
  type ReactNode,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslations } from 'use-intl';
import { reportKeywardEvent } from '@/components/embed/events';
import { listItem, planFocusReturn } from '@/components/ui/return-focus';
import { usePageLocale } from '@/components/use-page-locale';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import type { ActiveSession, SessionsView } from '@/lib/sessions/types';
import { buildReauthUrl, startReauth, takeResumeMarker } from './reauth';
import { endSessionRequest, fetchSessions, signOutOthersRequest } from './sessions-api';
import { type SessionsActions, SessionsActionsContext } from './sessions-context';
import { SessionsDialog, type SessionsTarget } from './sessions-dialog';
import type { Status, StatusHandle } from './status-message';
import { useDeviceLabel } from './use-device-label';

export type SessionsProviderProps = {
  /** Server clock at render time; relative times use it until the browser's clock takes over. */
  renderedAt: number;
  /** Base of this app's API, e.g. "/api". */
  apiBase: string;
  /** nextjs-auth0's login route, for re-authentication. */
  loginUrl: string;
  returnTo?: string;
  /** Where this browser goes once it has signed itself out. */
  signedOutUrl?: string;
  children: ReactNode;
};

export type SessionsState = {
  /** The list, once it was asked for and came; null before. */
  view: SessionsView | null;
  loadError: string | null;
  loading: boolean;
  /** Asks for the list unless it is there or on its way: the list scrolled into view. */
  want: () => void;
  status: Status;
  statusRef: RefObject<StatusHandle | null>;
  now: number;
  refresh: () => Promise<void>;
  signOut: (session: ActiveSession) => void;
  signOutOthers: () => void;
};

const SessionsStateContext = createContext<SessionsState | null>(null);

export function useSessionsState(): SessionsState {
  const state = useContext(SessionsStateContext);
  if (!state) throw new Error('useSessionsState must be used inside <SessionsProvider>');
  return state;
}

const RESUME_ONE = 'session:';
const RESUME_OTHERS = 'sessions:others';

/**
 * The sessions list's state and its sign-out round trips (with re-authentication), shared by the
 * list and by the rest of the page, which may offer "Sign out of your other sessions".
 */
export function SessionsProvider({
  renderedAt,
  apiBase,
  loginUrl,
  returnTo = '/security',
  signedOutUrl = '/',
  children,
}: SessionsProviderProps) {
  // Nothing is read for the server render: the list costs a Management API call, so it is asked
  // for when someone looks at it (the section scrolled into view, or a sign-out started).
  const [view, setView] = useState<SessionsView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [wanted, setWanted] = useState(false);
  // A re-authentication for a sign-out came back before the list was read: reopen it once read.
  const [resumeOne, setResumeOne] = useState<string | null>(null);
  // "Sign out of your other sessions" offered before the list was read: confirm once it is.
  const [othersAsked, setOthersAsked] = useState(false);
  const [now, setNow] = useState(renderedAt);
  const [status, setStatus] = useState<Status>(null);
  const [focusStatus, setFocusStatus] = useState(0);
  const focusPlan = useRef<(() => boolean) | null>(null);
  const statusRef = useRef<StatusHandle>(null);
  const [target, setTarget] = useState<SessionsTarget>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations('security.sessions.status');
  const common = useTranslations('common');
  const locale = usePageLocale();
  const deviceLabel = useDeviceLabel();

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  // After a sign-out focus goes to the session's neighbour (or the one left, or the heading), else
  // to the message; after the render that shows it, once the dialog has closed.
  useEffect(() => {
    if (focusStatus === 0) return;
    const plan = focusPlan.current;
    focusPlan.current = null;
    if (!plan?.()) statusRef.current?.focus();
  }, [focusStatus]);

  /** `near`: the session whose card (or, once it is gone, its neighbour) gets focus. */
  const announce = useCallback((next: Status, near?: string) => {
    setStatus(next);
    focusPlan.current = near ? planFocusReturn(listItem('session-id', near)) : null;
    setFocusStatus((n) => n + 1);
  }, []);

  const hasView = view !== null;
  const refresh = useCallback(async () => {
    setWanted(true);
    setLoading(true);
    const result = await fetchSessions(apiBase);
    setLoading(false);
    if (result.ok) {
      setView(result.data);
      setLoadError(null);
    } else if (!hasView) {
      setLoadError(result.message);
    } else {
      setStatus({ tone: 'error', text: common('refreshFailed', { message: result.message }) });
    }
  }, [apiBase, hasView, common]);

  const want = useCallback(() => setWanted(true), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when first wanted.
  useEffect(() => {
    if (wanted && !hasView && !loading && loadError === null) void refresh();
  }, [wanted]);

  const open = useCallback((next: SessionsTarget) => {
    setStatus(null);
    setError(null);
    setBusy(false);
    setTarget(next);
  }, []);

  const close = () => {
    if (busy) return;
    setTarget(null);
    setError(null);
  };

  async function confirm() {
    if (!target) return;
    setBusy(true);
    setError(null);
    const result =
      target.kind === 'one'
        ? await endSessionRequest(apiBase, target.session.id)
        : await signOutOthersRequest(apiBase);
    if (result.ok) {
      const ended =
        target.kind === 'one' ? [target.session] : (view?.sessions.filter((s) => !s.current) ?? []);
      for (const s of ended) reportKeywardEvent('session-ended', { id: s.id, current: s.current });
      // This browser's own session: it is signed out now, so leave the page.
      if (target.kind === 'one' && result.data === true) {
        window.location.assign(signedOutUrl);
        return;
      }
      setBusy(false);
      setTarget(null);
      if (target.kind === 'one') {
        setView(
          (v) => v && { ...v, sessions: v.sessions.filter((s) => s.id !== target.session.id) },
        );
        announce(
          { tone: 'info', text: t('signedOutOf', { device: deviceLabel(target.session) }) },
          target.session.id,
        );
      } else {
        const ended = Number(result.data);
        const current = view?.sessions.find((s) => s.current);
        setView((v) => v && { ...v, sessions: v.sessions.filter((s) => s.current) });
        announce(
          {
            tone: 'info',
            text: ended === 0 ? t('noOthers') : t('signedOutOthers', { count: ended }),
          },
          current?.id,
        );
      }
      void refresh();
      return;
    }
    if (result.status === 401) {
      // Too long since sign-in, or signed out meanwhile: sign in, then come back to this dialog.
      const resume = target.kind === 'one' ? `${RESUME_ONE}${target.session.id}` : RESUME_OTHERS;
      startReauth(buildReauthUrl(loginUrl, returnTo, resume));
      return;
    }
    setBusy(false);
    if (result.status === 404) {
      setTarget(null);
      announce({
        tone: 'info',
        text: `${localizeServerText(result.message, locale)} ${common('refreshed')}`,
      });
      void refresh();
      return;
    }
    setError(result.message);
  }

  // Back from re-authentication: reopen the confirmation that was started. Other markers are
  // left in the URL for their owners.
  useEffect(() => {
    const pending = new URL(window.location.href).searchParams.get('resume');
    if (pending !== RESUME_OTHERS && !pending?.startsWith(RESUME_ONE)) return;
    takeResumeMarker();
    setWanted(true);
    if (pending === RESUME_OTHERS) setOthersAsked(true);
    else setResumeOne(pending.slice(RESUME_ONE.length));
  }, []);

  // What waited for the list: a confirmation to reopen, or the others to sign out.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the list arrives.
  useEffect(() => {
    if (!view) return;
    if (resumeOne !== null) {
      setResumeOne(null);
      const session = view.sessions.find((s) => s.id === resumeOne);
      if (session) open({ kind: 'one', session });
      else setStatus({ tone: 'info', text: t('alreadyEnded', { refreshed: common('refreshed') }) });
    }
    if (othersAsked) {
      setOthersAsked(false);
      if (view.sessions.some((s) => !s.current)) open({ kind: 'others' });
      else announce({ tone: 'info', text: t('noOthers') });
    }
  }, [view]);

  const requestSignOutOthers = useCallback(() => {
    if (hasView) return open({ kind: 'others' });
    setOthersAsked(true);
    setWanted(true);
  }, [hasView, open]);

  // Unknown (null) until the list is read: the offer after a removal is made then too.
  const otherCount = view ? view.sessions.filter((s) => !s.current).length : null;
  const actions = useMemo<SessionsActions>(
    () => ({ otherCount, requestSignOutOthers }),
    [otherCount, requestSignOutOthers],
  );
  const state = useMemo<SessionsState>(
    () => ({
      view,
      loadError,
      loading,
      want,
      status,
      statusRef,
      now,
      refresh,
      signOut: (session) => open({ kind: 'one', session }),
      signOutOthers: () => open({ kind: 'others' }),
    }),
    [view, loadError, loading, want, status, now, refresh, open],
  );

  return (
    <SessionsActionsContext.Provider value={actions}>
      <SessionsStateContext.Provider value={state}>
        {children}
        <SessionsDialog
          target={target}
          otherCount={otherCount ?? 0}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onClose={close}
        />
      </SessionsStateContext.Provider>
    </SessionsActionsContext.Provider>
  );
}
