'use client';

import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { reportKeywardEvent } from '@/components/embed/events';
import { listItem, planFocusReturn } from '@/components/ui/return-focus';
import { mutedClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import { protectionDrop, runCheckup } from '@/lib/factors/checkup';
import type { PolicyKnobs } from '@/lib/factors/policy';
import { FACTOR_KINDS, type Factor, type FactorsView } from '@/lib/factors/types';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import { AccountPanel } from './account-panel';
import type { AddedDetails } from './add-factor-controls';
import { fetchFactors } from './api';
import { displayName } from './display-name';
import { FactorCard, type Renaming } from './factor-card';
import { type FactorsActions, FactorsActionsContext } from './factors-context';
import { FirstPasskeyPrompt, PasskeysUnavailable } from './first-passkey-prompt';
import { IdentityCard } from './identity-card';
import { takeResumeMarker } from './reauth';
import { RemoveDialog } from './remove-dialog';
import type { RenameResult } from './rename-form';
import { SecurityCheckup } from './security-checkup';
import { useSessionsActions } from './sessions-context';
import { type Status, type StatusHandle, StatusMessage } from './status-message';
import { RESUME_REMOVE, useRemoveFlow } from './use-remove-flow';

const factorDetail = (f: Factor) => ({ id: f.id, name: f.name, kind: f.kind });

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
  /** The lockout rule's settings, so the checkup and the remove warning judge as the server does. */
  policy?: PolicyKnobs;
  /** The person has an email address (it matters only with EMAIL_RESET_IS_FALLBACK). */
  hasEmail?: boolean;
  /** Show the security checkup above the lists. */
  checkup?: boolean;
  /** Which lists to show (a host embedding the page may choose); all of them by default. */
  lists?: ReadonlySet<FactorList>;
};

export type FactorList = 'passkeys' | 'security-keys' | 'other-methods';
const ALL_LISTS: ReadonlySet<FactorList> = new Set(['passkeys', 'security-keys', 'other-methods']);

const DEFAULT_POLICY: PolicyKnobs = { requireMfa: false, emailResetIsFallback: false };

export function FactorsPanel({
  initial,
  renderedAt,
  apiBase,
  loginUrl,
  returnTo = '/security',
  addControls,
  policy = DEFAULT_POLICY,
  hasEmail = false,
  checkup: showCheckup = true,
  lists = ALL_LISTS,
}: FactorsPanelProps) {
  const [view, setView] = useState(initial);
  const t = useTranslations('security');
  const common = useTranslations('common');
  const locale = usePageLocale();
  // Messages from the API arrive in the page's language; a success body's message may still be
  // the server's English (a 202's), which the catalogue translates.
  const server = useCallback((message: string) => localizeServerText(message, locale), [locale]);
  const refreshed = common('refreshed');
  const [now, setNow] = useState(renderedAt);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; mode: Exclude<Renaming, null> } | null>(
    null,
  );
  const [status, setStatus] = useState<Status>(null);
  // After a rename or removal focus returns to the card, or its neighbour once the card is gone;
  // otherwise (a key already gone, a removal Auth0 has not confirmed) to the message. It moves
  // after the render that shows the change, and after the dialog has closed (a closing <dialog>
  // hands focus back to its opener, which may be gone).
  const [focusTick, setFocusTick] = useState(0);
  const focusPlan = useRef<(() => boolean) | null>(null);
  const statusRef = useRef<StatusHandle>(null);
  // After a removal, the message offers to sign out other sessions (NIST 800-63B, OWASP ASVS),
  // never does it unasked. The offer belongs to that one message and goes with it.
  const sessions = useSessionsActions();
  const [offeredWith, setOfferedWith] = useState<Status>(null);

  // A server re-render (router.refresh) brings fresh data.
  useEffect(() => setView(initial), [initial]);

  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (focusTick === 0) return;
    const plan = focusPlan.current;
    focusPlan.current = null;
    if (!plan?.()) statusRef.current?.focus();
  }, [focusTick]);

  /**
   * A new message replaces the last one, and the "Just added" mark goes with it. `focus`: true
   * for the message itself, or the card whose change this is (see planFocusReturn).
   */
  const announce = useCallback(
    (next: Status, options: { focus?: true | { card: string } } = {}) => {
      setStatus(next);
      setHighlightId(null);
      if (!options.focus) return;
      focusPlan.current =
        options.focus === true ? null : planFocusReturn(listItem('factor-id', options.focus.card));
      setFocusTick((n) => n + 1);
    },
    [],
  );

  const refresh = useCallback(async () => {
    const result = await fetchFactors(apiBase);
    if (result.ok) setView(result.data);
    else setStatus({ tone: 'error', text: common('refreshFailed', { message: result.message }) });
  }, [apiBase, common]);

  const onGone = useCallback(
    (message: string) => {
      announce({ tone: 'info', text: `${server(message)} ${refreshed}` }, { focus: true });
      void refresh();
    },
    [announce, refresh, refreshed, server],
  );

  const remove = useRemoveFlow({
    apiBase,
    loginUrl,
    returnTo,
    onRemoved: (factor, next) => {
      reportKeywardEvent('factor-removed', { ...factorDetail(factor), pending: false });
      if (next) setView(next);
      else setView((v) => ({ ...v, factors: v.factors.filter((f) => f.id !== factor.id) }));
      const removed: Status = {
        tone: 'info',
        text: t('status.removed', { name: displayName(factor, locale) }),
      };
      announce(removed, { focus: { card: factor.id } });
      setOfferedWith(removed);
      if (!next) void refresh();
    },
    onPending: (factor, message) => {
      reportKeywardEvent('factor-removed', { ...factorDetail(factor), pending: true });
      announce(
        {
          tone: 'info',
          text: t('status.pending', {
            name: displayName(factor, locale),
            message: message ? server(message) : t('status.pendingDefault'),
          }),
        },
        { focus: true },
      );
      void refresh();
    },
    onGone,
    onRefused: () => void refresh(),
  });
  const openRemove = remove.open;
  const startRemove = useCallback(
    (factor: Factor) => {
      // The dialog is the next thing to read: an older message behind it would be stale.
      announce(null);
      setRenaming(null);
      openRemove(factor);
    },
    [announce, openRemove],
  );

  // Back from re-authentication: reopen the confirmation the user had started. Other resume
  // markers (the add controls use their own) are left in the URL for their owners.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on the first render's data.
  useEffect(() => {
    const pending = new URL(window.location.href).searchParams.get('resume');
    if (!pending?.startsWith(RESUME_REMOVE)) return;
    takeResumeMarker();
    const factor = initial.factors.find((f) => f.id === pending.slice(RESUME_REMOVE.length));
    if (factor) openRemove(factor);
    else setStatus({ tone: 'info', text: t('status.alreadyRemoved', { refreshed }) });
  }, []);

  const onAdded = useCallback(
    (factor: Factor, details: AddedDetails) => {
      reportKeywardEvent('factor-added', factorDetail(factor));
      // The server sends the whole list with the new key (every card's removability may change);
      // only without it is the list asked for again.
      if (details.view) setView(details.view);
      else
        setView((v) => ({
          ...v,
          factors: [...v.factors.filter((f) => f.id !== factor.id), factor],
        }));
      setStatus({
        tone: 'info',
        text: details.nameSaved
          ? t('status.added', { name: factor.name })
          : t('status.addedNameNotSaved', { name: factor.name }),
      });
      setHighlightId(factor.id);
      // Stored under the suggested name; naming it is an inline rename the person may skip.
      setRenaming({ id: factor.id, mode: 'fresh' });
      if (!details.view) void refresh();
    },
    [refresh, t],
  );

  const onAddStarted = useCallback(() => {
    announce(null);
    setRenaming(null);
  }, [announce]);

  const onRenameDone = useCallback(
    (factor: Factor, result: RenameResult) => {
      setRenaming(null);
      if (result === null) return;
      if ('gone' in result) return onGone(result.gone);
      reportKeywardEvent('factor-renamed', {
        ...factorDetail(result.factor),
        previousName: factor.name,
      });
      setView((v) => ({
        ...v,
        factors: v.factors.map((f) => (f.id === result.factor.id ? result.factor : f)),
      }));
      announce(
        { tone: 'info', text: t('status.renamed', { from: factor.name, to: result.factor.name }) },
        { focus: { card: factor.id } },
      );
    },
    [announce, onGone, t],
  );

  const actions = useMemo<FactorsActions>(
    () => ({
      onAdded,
      onAddStarted,
      refresh,
      factors: view.factors,
      apiBase,
      loginUrl,
      canAddPasskey: view.canAddPasskey,
      checkupLeads: showCheckup,
    }),
    [
      onAdded,
      onAddStarted,
      refresh,
      view.factors,
      apiBase,
      loginUrl,
      view.canAddPasskey,
      showCheckup,
    ],
  );

  const checkup = useMemo(
    () => runCheckup({ view, knobs: policy, hasEmail, now }),
    [view, policy, hasEmail, now],
  );
  const drop = remove.target
    ? protectionDrop(remove.target.id, { view, knobs: policy, hasEmail })
    : null;

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
      renaming={renaming?.id === factor.id ? renaming.mode : null}
      onStartRename={(f) => {
        announce(null);
        setRenaming({ id: f.id, mode: 'edit' });
      }}
      onRenameDone={onRenameDone}
      onRemove={startRemove}
    />
  );

  return (
    <FactorsActionsContext.Provider value={actions}>
      <div className="flex flex-col gap-8">
        {showCheckup ? (
          <SecurityCheckup
            checkup={checkup}
            factors={view.factors}
            returnTo={returnTo}
            onReview={startRemove}
          />
        ) : null}
        {/* The live regions sit outside the gapped column: they stay mounted but take no room while empty. */}
        <div>
          <StatusMessage
            ref={statusRef}
            status={status}
            action={
              sessions &&
              sessions.otherCount !== 0 &&
              offeredWith !== null &&
              offeredWith === status
                ? {
                    label: t('sessions.status.offer'),
                    onClick: sessions.requestSignOutOthers,
                  }
                : null
            }
          />
          <div className="flex flex-col gap-8">
            {(passkeys.length > 0 || !view.canAddPasskey || !lists.has('passkeys')) &&
            addControls ? (
              <div data-slot="add-controls">{addControls}</div>
            ) : null}

            {lists.has('passkeys') ? (
              <section aria-labelledby="passkeys-heading" className="flex flex-col gap-3">
                <h2 id="passkeys-heading" className="text-xl font-semibold">
                  {t('sections.passkeys')}
                </h2>
                {passkeys.length > 0 ? (
                  <ul className="flex flex-col gap-3">{passkeys.map(card)}</ul>
                ) : view.canAddPasskey ? (
                  <FirstPasskeyPrompt addControls={addControls} />
                ) : (
                  <PasskeysUnavailable identities={identities} />
                )}
              </section>
            ) : null}

            {lists.has('security-keys') ? (
              <section aria-labelledby="security-keys-heading" className="flex flex-col gap-3">
                <h2 id="security-keys-heading" className="text-xl font-semibold">
                  {t('sections.securityKeys')}
                </h2>
                {securityKeys.length > 0 ? (
                  <>
                    {/* Said once for the list, not on every card. */}
                    <p className={mutedClass} data-security-keys-note="">
                      {t('sections.securityKeysNote')}
                    </p>
                    <ul className="flex flex-col gap-3">{securityKeys.map(card)}</ul>
                  </>
                ) : (
                  <p className={mutedClass}>{t('sections.noSecurityKeys')}</p>
                )}
              </section>
            ) : null}

            {lists.has('other-methods') ? (
              <section aria-labelledby="other-ways-heading" className="flex flex-col gap-3">
                <h2 id="other-ways-heading" className="text-xl font-semibold">
                  {t('sections.other')}
                </h2>
                {others.length + identities.length > 0 ? (
                  <ul className="flex flex-col gap-3">
                    {others.map(card)}
                    {identities.map((i) => (
                      <IdentityCard key={`${i.provider}:${i.connection}`} identity={i} />
                    ))}
                  </ul>
                ) : (
                  <p className={mutedClass}>{t('sections.noOther')}</p>
                )}
              </section>
            ) : null}

            {lists.has('other-methods') ? (
              <AccountPanel
                factors={view.factors}
                apiBase={apiBase}
                loginUrl={loginUrl}
                returnTo={returnTo}
                onChanged={() => void refresh()}
              />
            ) : null}
          </div>
        </div>
      </div>

      <RemoveDialog
        factor={remove.target}
        busy={remove.busy}
        error={remove.error}
        drop={drop}
        onConfirm={(f) => void remove.confirm(f)}
        onClose={remove.close}
      />
    </FactorsActionsContext.Provider>
  );
}
