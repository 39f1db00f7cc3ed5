'use client';

import type { RegistrationResponseJSON } from '@simplewebauthn/browser';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { reportKeywardEvent } from '@/components/embed/events';
import { buttonClass, cardClass, primaryButtonClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import type { Factor, FactorsView } from '@/lib/factors/types';
import { localizeServerText, serverText } from '@/lib/i18n/client-catalogue';
import { commonText } from '@/lib/i18n/document-locale';
import {
  type AddKind,
  classifyCeremonyError,
  requestNameSuggestion,
  requestOptions,
  saveCredential,
} from './add-factor-api';
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
const FALLBACK_NAMES = { passkey: 'kindPasskey', 'security-key': 'kindSecurityKey' } as const;

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
    // The WebAuthn helpers load only now, beside the options: most visits never add a key, so
    // the page's first load doesn't carry them.
    // The name rule's Unicode tables too, before the ceremony, so a failed load leaves nothing
    // on the device.
    const helpers = Promise.all([import('@simplewebauthn/browser'), import('./unique-name')]);
    // Loading can fail (offline, a new deploy); the person then sees a message, not a dead button.
    helpers.catch(() => {});
    setPhase({ name: 'busy', kind, text: t('gettingReady', { kind }) });
    let browser: Awaited<typeof helpers>[0];
    let uniqueName: Awaited<typeof helpers>[1]['uniqueName'];
    try {
      [browser, { uniqueName }] = await helpers;
    } catch {
      return fail(commonText('network'));
    }
    if (!browser.browserSupportsWebAuthn()) return fail(t('unsupported'));
    const options = await requestOptions(apiBase, kind);
    if (!options.ok) {
      if (options.code === 'reauth_required') return reauth(kind);
      return fail(options.message);
    }

    setPhase({ name: 'busy', kind, text: t('prompt') });
    const began = Date.now();
    let response: RegistrationResponseJSON;
    try {
      response = await browser.startRegistration({ optionsJSON: options.data });
    } catch (error) {
      const failure = classifyCeremonyError(
        error,
        Date.now() - began,
        options.data.timeout ?? 60_000,
      );
      if (failure === 'blocked') {
        reportKeywardEvent('error', { code: 'webauthn_blocked', message: t('blocked') });
      }
      if (failure === 'cancelled') reportKeywardEvent('add-cancelled', { kind });
      return fail(t(failure));
    }

    setPhase({ name: 'busy', kind, text: t('saving', { kind }) });
    const suggestion = await requestNameSuggestion(apiBase, kind, response);
    const fallback = serverText(FALLBACK_NAMES[kind], locale);
    // The server suggests in English ("Security key", "Chrome on Linux"); the page's language
    // has those words. A provider's name ("YubiKey 5 Series") stays as it is.
    const suggested = suggestion.ok
      ? localizeServerText(suggestion.data, locale, {
          only: ['kindPasskey', 'kindSecurityKey', 'device'],
        })
      : fallback;
    const name = uniqueName(suggested, takenNames);
    const saved = await saveCredential(apiBase, kind, response, name);
    if (!saved.ok) {
      if (saved.code === 'reauth_required') return reauth(kind);
      if (saved.code === 'challenge_expired') return fail(t('timeout'));
      return fail(saved.message);
    }
    setPhase({ name: 'idle' });
    if (saved.data.factor) {
      onAdded(saved.data.factor, { nameSaved: saved.data.nameSaved, view: saved.data.view });
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
