'use client';

import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FACTOR_KINDS, type Factor, type FactorsView } from '@/lib/factors/types';
import { fetchFactors } from './api';
import { FactorCard } from './factor-card';
import { type FactorsActions, FactorsActionsContext } from './factors-context';
import { FirstPasskeyPrompt, PasskeysUnavailable } from './first-passkey-prompt';
import { IdentityCard } from './identity-card';
import { takeResumeMarker } from './reauth';
import { RemoveDialog } from './remove-dialog';
import { type Status, StatusMessage } from './status-message';
import { mutedClass } from './styles';
import { RESUME_REMOVE, useRemoveFlow } from './use-remove-flow';

export type FactorsPanelProps = {
  initial: FactorsView;
  /** Server clock at render time; relative times use it until the browser's clock takes over. */
  renderedAt: number;
  /** Base of this app's API, e.g. "/api". */
  apiBase: string;
  /** nextjs-auth0's login route, e.g. "/auth/login", for re-authentication. */
  loginUrl: string;
  returnTo?: string;
  /** The "Add a passkey" / "Add a security key" controls. They can call useFactorsActions(). */
  addControls?: ReactNode;
};

const REFRESHED = 'The list has been refreshed.';

export function FactorsPanel({
  initial,
  renderedAt,
  apiBase,
  loginUrl,
  returnTo = '/security',
  addControls,
}: FactorsPanelProps) {
  const [view, setView] = useState(initial);
  const [now, setNow] = useState(renderedAt);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  // A server re-render (router.refresh) brings fresh data.
  useEffect(() => setView(initial), [initial]);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const refresh = useCallback(async () => {
    const result = await fetchFactors(apiBase);
    if (result.ok) setView(result.data);
    else setStatus({ tone: 'error', text: `We couldn’t refresh the list. ${result.message}` });
  }, [apiBase]);

  const onGone = useCallback(
    (message: string) => {
      setStatus({ tone: 'info', text: `${message} ${REFRESHED}` });
      void refresh();
    },
    [refresh],
  );

  const remove = useRemoveFlow({
    apiBase,
    loginUrl,
    returnTo,
    onRemoved: (factor) => {
      setView((v) => ({ ...v, factors: v.factors.filter((f) => f.id !== factor.id) }));
      setStatus({ tone: 'info', text: `“${factor.name}” was removed.` });
      statusRef.current?.focus();
      void refresh();
    },
    onPending: (factor, message) => {
      setStatus({ tone: 'info', text: `“${factor.name}”: ${message}` });
      statusRef.current?.focus();
      void refresh();
    },
    onGone: (message) => {
      onGone(message);
      statusRef.current?.focus();
    },
    onRefused: () => void refresh(),
  });
  const openRemove = remove.open;

  // Back from re-authentication: reopen the confirmation the user had started. Other resume
  // markers (the add controls use their own) are left in the URL for their owners.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on the first render's data.
  useEffect(() => {
    const pending = new URL(window.location.href).searchParams.get('resume');
    if (!pending?.startsWith(RESUME_REMOVE)) return;
    takeResumeMarker();
    const factor = initial.factors.find((f) => f.id === pending.slice(RESUME_REMOVE.length));
    if (factor) openRemove(factor);
    else setStatus({ tone: 'info', text: `That sign-in method was already removed. ${REFRESHED}` });
  }, []);

  const onAdded = useCallback(
    (factor: Factor) => {
      setView((v) => ({ ...v, factors: [...v.factors.filter((f) => f.id !== factor.id), factor] }));
      setHighlightId(factor.id);
      setStatus({ tone: 'info', text: `Added “${factor.name}”.` });
      void refresh();
    },
    [refresh],
  );

  const actions = useMemo<FactorsActions>(
    () => ({
      onAdded,
      refresh,
      factors: view.factors,
      apiBase,
      loginUrl,
      canAddPasskey: view.canAddPasskey,
    }),
    [onAdded, refresh, view.factors, apiBase, loginUrl, view.canAddPasskey],
  );

  const passkeys = view.factors.filter((f) => f.kind === 'passkey');
  const securityKeys = view.factors.filter((f) => f.kind === 'security-key');
  // Password first, then the second factors in a fixed order (FACTOR_KINDS).
  const others = view.factors
    .filter((f) => f.kind !== 'passkey' && f.kind !== 'security-key')
    .sort((a, b) => FACTOR_KINDS.indexOf(a.kind) - FACTOR_KINDS.indexOf(b.kind));
  const identities = view.identities.filter((i) => i.provider !== 'auth0');

  const card = (factor: Factor) => (
    <FactorCard
      key={factor.id}
      factor={factor}
      now={now}
      apiBase={apiBase}
      highlighted={factor.id === highlightId}
      canRename={factor.kind === 'passkey' || factor.kind === 'security-key'}
      onRenamed={(renamed) => {
        setView((v) => ({
          ...v,
          factors: v.factors.map((f) => (f.id === renamed.id ? renamed : f)),
        }));
        setStatus({ tone: 'info', text: `Renamed to “${renamed.name}”.` });
      }}
      onGone={onGone}
      onRemove={openRemove}
    />
  );

  return (
    <FactorsActionsContext.Provider value={actions}>
      {/* The live regions sit outside the gapped column: they stay mounted but take no room while empty. */}
      <div>
        <StatusMessage ref={statusRef} status={status} />
        <div className="flex flex-col gap-8">
          {(passkeys.length > 0 || !view.canAddPasskey) && addControls ? (
            <div data-slot="add-controls">{addControls}</div>
          ) : null}

          <section aria-labelledby="passkeys-heading" className="flex flex-col gap-3">
            <h2 id="passkeys-heading" className="text-xl font-semibold">
              Passkeys
            </h2>
            {passkeys.length > 0 ? (
              <ul className="flex flex-col gap-3">{passkeys.map(card)}</ul>
            ) : view.canAddPasskey ? (
              <FirstPasskeyPrompt addControls={addControls} />
            ) : (
              <PasskeysUnavailable identities={identities} />
            )}
          </section>

          <section aria-labelledby="security-keys-heading" className="flex flex-col gap-3">
            <h2 id="security-keys-heading" className="text-xl font-semibold">
              Security keys
            </h2>
            {securityKeys.length > 0 ? (
              <ul className="flex flex-col gap-3">{securityKeys.map(card)}</ul>
            ) : (
              <p className={mutedClass}>No security keys yet.</p>
            )}
          </section>

          <section aria-labelledby="other-ways-heading" className="flex flex-col gap-3">
            <h2 id="other-ways-heading" className="text-xl font-semibold">
              Other ways to sign in
            </h2>
            {others.length + identities.length > 0 ? (
              <ul className="flex flex-col gap-3">
                {others.map(card)}
                {identities.map((i) => (
                  <IdentityCard key={`${i.provider}:${i.connection}`} identity={i} />
                ))}
              </ul>
            ) : (
              <p className={mutedClass}>No other ways to sign in.</p>
            )}
          </section>
        </div>
      </div>

      <RemoveDialog
        factor={remove.target}
        busy={remove.busy}
        error={remove.error}
        onConfirm={(f) => void remove.confirm(f)}
        onClose={remove.close}
      />
    </FactorsActionsContext.Provider>
  );
}
