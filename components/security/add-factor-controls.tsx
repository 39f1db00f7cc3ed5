'use client';

import {
  browserSupportsWebAuthn,
  type RegistrationResponseJSON,
  startRegistration,
} from '@simplewebauthn/browser';
import { useEffect, useRef, useState } from 'react';
import type { Factor } from '@/lib/factors/types';
import {
  type AddKind,
  classifyCeremonyError,
  kindNoun,
  MESSAGES,
  requestNameSuggestion,
  requestOptions,
  saveCredential,
} from './add-factor-api';
import { AddFactorNameForm } from './add-factor-name-form';
import { buildReauthUrl, takeResumeMarker } from './reauth';
import { buttonClass, cardClass, primaryButtonClass } from './styles';

export type AddFactorControlsProps = {
  /** Base of this app's API, e.g. "/api". */
  apiBase: string;
  /** nextjs-auth0's login route, e.g. "/auth/login", for re-authentication. */
  loginUrl: string;
  /** Where re-authentication comes back to, e.g. "/security". */
  returnTo: string;
  onAdded: (factor: Factor) => void;
  /** Larger buttons, for the "add your first passkey" prompt. */
  prominent?: boolean;
  /** What may be added; accounts without a database identity get no passkeys from Auth0. */
  kinds?: readonly AddKind[];
};

type Phase =
  | { name: 'idle' }
  | { name: 'busy'; kind: AddKind; text: string }
  | {
      name: 'naming';
      kind: AddKind;
      response: RegistrationResponseJSON;
      suggested: string;
      saving: boolean;
    }
  | { name: 'resume'; kind: AddKind };

type Message = { tone: 'info' | 'error'; text: string } | null;

const RESUME_PREFIX = 'add:';
const PROMPT = 'Follow the prompt on your device…';

function resumeKind(marker: string | null): AddKind | null {
  if (marker === `${RESUME_PREFIX}passkey`) return 'passkey';
  if (marker === `${RESUME_PREFIX}security-key`) return 'security-key';
  return null;
}

/**
 * "Add a passkey" / "Add a security key": options from the server (Auth0's, for a passkey), the
 * browser's ceremony, a name (prefilled with the provider or device), then the save. The name is
 * asked for before anything is stored; closing the form stores nothing.
 */
export function AddFactorControls({
  apiBase,
  loginUrl,
  returnTo,
  onAdded,
  prominent = false,
  kinds = ['passkey', 'security-key'],
}: AddFactorControlsProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [message, setMessage] = useState<Message>(null);
  const continueRef = useRef<HTMLButtonElement>(null);
  const lastButton = useRef<HTMLButtonElement | null>(null);

  // Back from re-authentication: offer to continue. Browsers only start a ceremony from a user
  // gesture, so this is a button, not an automatic restart. Other markers are left for their owners.
  useEffect(() => {
    const kind = resumeKind(new URL(window.location.href).searchParams.get('resume'));
    if (!kind) return;
    takeResumeMarker();
    setPhase({ name: 'resume', kind });
  }, []);

  useEffect(() => {
    if (phase.name === 'resume') continueRef.current?.focus();
  }, [phase.name]);

  const reauth = (kind: AddKind) =>
    window.location.assign(buildReauthUrl(loginUrl, returnTo, `${RESUME_PREFIX}${kind}`));

  function fail(text: string) {
    setPhase({ name: 'idle' });
    setMessage({ tone: 'error', text });
    lastButton.current?.focus();
  }

  async function start(kind: AddKind) {
    if (phase.name === 'busy' || phase.name === 'naming') return;
    setMessage(null);
    if (!browserSupportsWebAuthn()) return fail(MESSAGES.unsupported);

    setPhase({ name: 'busy', kind, text: `Getting ready to add your ${kindNoun(kind)}…` });
    const options = await requestOptions(apiBase, kind);
    if (!options.ok) {
      if (options.code === 'reauth_required') return reauth(kind);
      return fail(options.message);
    }

    setPhase({ name: 'busy', kind, text: PROMPT });
    const began = Date.now();
    let response: RegistrationResponseJSON;
    try {
      response = await startRegistration({ optionsJSON: options.data });
    } catch (error) {
      return fail(
        MESSAGES[classifyCeremonyError(error, Date.now() - began, options.data.timeout ?? 60_000)],
      );
    }

    const suggestion = await requestNameSuggestion(apiBase, kind, response);
    const suggested = suggestion.ok
      ? suggestion.data
      : kind === 'passkey'
        ? 'Passkey'
        : 'Security key';
    setPhase({ name: 'naming', kind, response, suggested, saving: false });
  }

  async function save(kind: AddKind, response: RegistrationResponseJSON, name: string) {
    setPhase({ name: 'naming', kind, response, suggested: name, saving: true });
    const result = await saveCredential(apiBase, kind, response, name);
    if (!result.ok) {
      if (result.code === 'reauth_required') return reauth(kind);
      if (result.code === 'challenge_expired') return fail(MESSAGES.timeout);
      return fail(result.message);
    }
    setPhase({ name: 'idle' });
    if (result.data.factor) {
      setMessage(
        result.data.nameSaved
          ? null
          : {
              tone: 'info',
              text: `Your ${kindNoun(kind)} was added, but its name couldn’t be saved, so it shows as “${result.data.factor.name}”. You can rename it.`,
            },
      );
      onAdded(result.data.factor);
    } else {
      setMessage({
        tone: 'info',
        text: `Your ${kindNoun(kind)} was added. Reload the page to see it.`,
      });
    }
    lastButton.current?.focus();
  }

  function cancelNaming(kind: AddKind) {
    setPhase({ name: 'idle' });
    setMessage({
      tone: 'info',
      text: `Nothing was added. Your device may still show the new ${kindNoun(kind)}; you can delete it there.`,
    });
    lastButton.current?.focus();
  }

  const busy = phase.name === 'busy' || phase.name === 'naming';
  const size = prominent ? 'min-h-11 px-5 text-base' : '';
  const button = (kind: AddKind, label: string, look: string) => (
    <button
      type="button"
      className={`${look} ${size}`}
      aria-disabled={busy || undefined}
      onClick={(e) => {
        lastButton.current = e.currentTarget;
        void start(kind);
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="flex flex-col gap-3" data-add-factor="">
      {phase.name === 'resume' ? (
        <div className={`${cardClass} flex flex-col gap-2`}>
          <p className="text-sm">
            You signed in again. You can now add your {kindNoun(phase.kind)}.
          </p>
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
              Continue adding your {kindNoun(phase.kind)}
            </button>
            <button
              type="button"
              className={buttonClass}
              onClick={() => setPhase({ name: 'idle' })}
            >
              Not now
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          {kinds.includes('passkey')
            ? button('passkey', 'Add a passkey', primaryButtonClass)
            : null}
          {kinds.includes('security-key')
            ? button(
                'security-key',
                'Add a security key',
                kinds.includes('passkey') ? buttonClass : primaryButtonClass,
              )
            : null}
        </div>
      )}

      {phase.name === 'naming' ? (
        <AddFactorNameForm
          kind={phase.kind}
          suggested={phase.suggested}
          saving={phase.saving}
          onSave={(name) => void save(phase.kind, phase.response, name)}
          onCancel={() => cancelNaming(phase.kind)}
        />
      ) : null}

      <p role="status" aria-live="polite" className="text-sm empty:hidden">
        {phase.name === 'busy' ? phase.text : message?.tone === 'info' ? message.text : ''}
      </p>
      <p role="alert" className="text-sm text-[var(--kw-danger)] empty:hidden">
        {message?.tone === 'error' ? message.text : ''}
      </p>
    </div>
  );
}
