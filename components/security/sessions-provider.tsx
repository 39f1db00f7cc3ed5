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
import { usePageLocale } from '@/components/use-page-locale';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import type { ActiveSession, SessionsView } from '@/lib/sessions/types';
import { buildReauthUrl, startReauth, takeResumeMarker } from './reauth';
import { endSessionRequest, fetchSessions, signOutOthersRequest } from './sessions-api';
import { type SessionsActions, SessionsActionsContext } from './sessions-context';
import { SessionsDialog, type SessionsTarget, useDeviceLabel } from './sessions-dialog';
import type { Status, StatusHandle } from './status-message';

export type SessionsProviderProps = {
  /** The list as the server read it; null when it could not. */
  initial: SessionsView | null;
  /** Why the server could not read it, in words for the person. */
  loadError: string | null;
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
  view: SessionsView | null;
  loadError: string | null;
  loading: boolean;
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
  initial,
  loadError: initialError,
  renderedAt,
  apiBase,
  loginUrl,
  returnTo = '/security',
  signedOutUrl = '/',
  children,
}: SessionsProviderProps) {
  const [view, setView] = useState(initial);
  const [loadError, setLoadError] = useState(initialError);
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(renderedAt);
  const [status, setStatus] = useState<Status>(null);
  const [focusStatus, setFocusStatus] = useState(0);
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

  // Focus moves to the message after the render that shows it, once the dialog has closed.
  useEffect(() => {
    if (focusStatus > 0) statusRef.current?.focus();
  }, [focusStatus]);

  const announce = useCallback((next: Status) => {
    setStatus(next);
    setFocusStatus((n) => n + 1);
  }, []);

  const hasView = view !== null;
  const refresh = useCallback(async () => {
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
        setView((v) => v && { sessions: v.sessions.filter((s) => s.id !== target.session.id) });
        announce({
          tone: 'info',
          text: t('signedOutOf', { device: deviceLabel(target.session) }),
        });
      } else {
        const ended = Number(result.data);
        setView((v) => v && { sessions: v.sessions.filter((s) => s.current) });
        announce({
          tone: 'info',
          text: ended === 0 ? t('noOthers') : t('signedOutOthers', { count: ended }),
        });
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on the first render's data.
  useEffect(() => {
    const pending = new URL(window.location.href).searchParams.get('resume');
    if (pending !== RESUME_OTHERS && !pending?.startsWith(RESUME_ONE)) return;
    takeResumeMarker();
    if (pending === RESUME_OTHERS) return open({ kind: 'others' });
    const session = initial?.sessions.find((s) => s.id === pending.slice(RESUME_ONE.length));
    if (session) open({ kind: 'one', session });
    else setStatus({ tone: 'info', text: t('alreadyEnded', { refreshed: common('refreshed') }) });
  }, []);

  const otherCount = view?.sessions.filter((s) => !s.current).length ?? 0;
  const actions = useMemo<SessionsActions>(
    () => ({ otherCount, requestSignOutOthers: () => open({ kind: 'others' }) }),
    [otherCount, open],
  );
  const state = useMemo<SessionsState>(
    () => ({
      view,
      loadError,
      loading,
      status,
      statusRef,
      now,
      refresh,
      signOut: (session) => open({ kind: 'one', session }),
      signOutOthers: () => open({ kind: 'others' }),
    }),
    [view, loadError, loading, status, now, refresh, open],
  );

  return (
    <SessionsActionsContext.Provider value={actions}>
      <SessionsStateContext.Provider value={state}>
        {children}
        <SessionsDialog
          target={target}
          otherCount={otherCount}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onClose={close}
        />
      </SessionsStateContext.Provider>
    </SessionsActionsContext.Provider>
  );
}
