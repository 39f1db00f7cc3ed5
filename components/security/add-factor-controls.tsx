'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { buttonClass, cardClass, primaryButtonClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import type { Factor, FactorsView } from '@/lib/factors/types';
import { commonText } from '@/lib/i18n/document-locale';
import type { AddKind } from './add-factor-api';
import type { AddOutcome } from './add-factor-flow';
import { buildReauthUrl, startReauth, takeResumeMarker } from './reauth';

export type AddedDetails = {
  /** False when the key was stored but its suggested name could not be set. */
  nameSaved: boolean;
  /** The whole list after the addition, when the server sent it. */
  view: FactorsView | null;
};

export type AddFactorControlsProps = {
  /** Base of this app's API, e.g. "/api". */
  apiBase: string;
  /** nextjs-auth0's login route, e.g. "/auth/login", for re-authentication. */
  loginUrl: string;
  /** Where re-authentication comes back to, e.g. "/security". */
  returnTo: string;
  /** The key is stored under its suggested name; the caller offers the rename. */
  onAdded: (factor: Factor, details: AddedDetails) => void;
  /** Called when the person starts adding, so older messages on the page can go. */
  onStart?: () => void;
  /** Names already on the account: the suggestion avoids them ("Security key 2"). */
  takenNames?: readonly string[];
  /** Larger buttons, for the "add your first passkey" prompt. */
  prominent?: boolean;
  /** The first button is the page's primary action (false: every button is secondary). */
  primary?: boolean;
  /** What may be added; accounts without a database identity get no passkeys from Auth0. */
  kinds?: readonly AddKind[];
  /** Button texts, when the context says more than "Add a passkey". */
  labels?: Partial<Record<AddKind, string>>;
  /** Tells this set of controls' re-authentication round trip from another set's on the page. */
  resumeKey?: string;
};

type Phase =
  | { name: 'idle' }
  | { name: 'busy'; kind: AddKind; text: string }
  | { name: 'resume'; kind: AddKind };

type Message = { tone: 'info' | 'error'; text: string } | null;

const LABEL_KEYS = { passkey: 'passkey', 'security-key': 'securityKey' } as const;

function resumeKind(marker: string | null, prefix: string): AddKind | null {
  if (marker === `${prefix}passkey`) return 'passkey';
  if (marker === `${prefix}security-key`) return 'security-key';
  return null;
}

/**
 * "Add a passkey" / "Add a security key": options from the server (Auth0's, for a passkey), the
 * browser's ceremony, then the save under a suggested name (the provider, else the device for a
 * passkey, else a plain noun), at once. Naming comes after, as an inline rename the person may
 * skip, so a cancelled naming step never leaves a credential on the device that the account
 * doesn't know.
 */
export function AddFactorControls({
  apiBase,
  loginUrl,
  returnTo,
  onAdded,
  onStart,
  takenNames = [],
  prominent = false,
  primary = true,
  kinds = ['passkey', 'security-key'],
  labels = {},
  resumeKey = 'add',
}: AddFactorControlsProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [message, setMessage] = useState<Message>(null);
  const continueRef = useRef<HTMLButtonElement>(null);
  const lastButton = useRef<HTMLButtonElement | null>(null);
  const prefix = `${resumeKey}:`;
  const t = useTranslations('security.add');
  const locale = usePageLocale();

  // Back from re-authentication: offer to continue. Browsers only start a ceremony from a user
  // gesture, so this is a button, not an automatic restart. Other markers are left for their owners.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on the first render.
  useEffect(() => {
    const kind = resumeKind(new URL(window.location.href).searchParams.get('resume'), prefix);
    if (!kind) return;
    takeResumeMarker();
    setPhase({ name: 'resume', kind });
  }, []);

  useEffect(() => {
    if (phase.name === 'resume') continueRef.current?.focus();
  }, [phase.name]);

  const reauth = (kind: AddKind) =>
    startReauth(buildReauthUrl(loginUrl, returnTo, `${prefix}${kind}`));

  function fail(text: string) {
    setPhase({ name: 'idle' });
    setMessage({ tone: 'error', text });
    lastButton.current?.focus();
  }

  async function start(kind: AddKind) {
    if (phase.name === 'busy') return;
    setMessage(null);
    onStart?.();
    setPhase({ name: 'busy', kind, text: t('gettingReady', { kind }) });
    // The flow and the WebAuthn helpers load only now: most visits never add a key. Loading can
    // fail (offline, a new deploy); the person then sees a message, not a dead button. Both load
    // before the ceremony, so a failed load leaves nothing on the device.
    let outcome: AddOutcome;
    try {
      const { addFactor } = await import('./add-factor-flow');
      outcome = await addFactor(kind, {
        apiBase,
        locale,
        takenNames,
        texts: {
          unsupported: t('unsupported'),
          prompt: t('prompt'),
          saving: t('saving', { kind }),
          timeout: t('timeout'),
          blocked: t('blocked'),
          failure: (failure) => t(failure),
        },
        progress: (text) => setPhase({ name: 'busy', kind, text }),
      });
    } catch {
      return fail(commonText('network'));
    }
    if (outcome.done === 'reauth') return reauth(kind);
    if (outcome.done === 'failed') return fail(outcome.message);
    setPhase({ name: 'idle' });
    if (outcome.done === 'added') {
      onAdded(outcome.factor, { nameSaved: outcome.nameSaved, view: outcome.view });
      return;
    }
    setMessage({ tone: 'info', text: t('addedReload', { kind }) });
    lastButton.current?.focus();
  }

  const busy = phase.name === 'busy';
  const size = prominent ? 'min-h-11 px-5 text-base' : '';
  const button = (kind: AddKind, look: string) => (
    <button
      type="button"
      className={`${look} ${size}`}
      aria-disabled={busy || undefined}
      onClick={(e) => {
        lastButton.current = e.currentTarget;
        void start(kind);
      }}
    >
      {labels[kind] ?? t(LABEL_KEYS[kind])}
    </button>
  );

  return (
    <div className="flex flex-col gap-3" data-add-factor="">
      {phase.name === 'resume' ? (
        <div className={`${cardClass} flex flex-col gap-2`}>
          <p className="text-sm">{t('resumed', { kind: phase.kind })}</p>
          <div className="flex flex-wrap gap-2">
            <button
              ref={continueRef}
              type="button"
              className={primaryButtonClass}
              onClick={(e) => {
                lastButton.current = e.currentTarget;
                void start(phase.kind);
              }}
            >
              {t('continue', { kind: phase.kind })}
            </button>
            <button
              type="button"
              className={buttonClass}
              onClick={() => setPhase({ name: 'idle' })}
            >
              {t('notNow')}
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {kinds.includes('passkey')
            ? button('passkey', primary ? primaryButtonClass : buttonClass)
            : null}
          {kinds.includes('security-key')
            ? button(
                'security-key',
                primary && !kinds.includes('passkey') ? primaryButtonClass : buttonClass,
              )
            : null}
        </div>
      )}

      <p role="status" aria-live="polite" className="text-sm empty:hidden">
        {phase.name === 'busy' ? phase.text : message?.tone === 'info' ? message.text : ''}
      </p>
      <p role="alert" className="text-sm text-[var(--kw-danger)] empty:hidden">
        {message?.tone === 'error' ? message.text : ''}
      </p>
    </div>
  );
}
