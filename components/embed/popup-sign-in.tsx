'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { buttonClass, primaryButtonClass } from '@/components/ui/styles';
import {
  awaitHandoffCode,
  type Handoff,
  newHandoff,
  openSignInPopup,
  submitHandoff,
} from './handoff-client';

type PopupState = 'idle' | 'waiting' | 'blocked' | 'closed';

type Props = {
  host: string;
  /** Ask the tenant for credentials again (a recent sign-in), rather than any sign-in. */
  reauth: boolean;
  /** Where the frame reloads once it has its session (with a resume marker, after a re-auth). */
  returnTo: string;
  label: string;
  onCancel?: () => void;
};

/**
 * The sign-in button of a framed page: a popup from the click, then the handoff. When the popup
 * cannot open, or the browser keeps no session in frames, "Open in a new tab" is the way on.
 */
export function PopupSignIn({ host, reauth, returnTo, label, onCancel }: Props) {
  const t = useTranslations('embed');
  const handoff = useRef<Handoff | null>(null);
  const stopWaiting = useRef<(() => void) | null>(null);
  const [state, setState] = useState<PopupState>('idle');

  useEffect(() => {
    void newHandoff().then((h) => {
      handoff.current = h;
    });
    return () => stopWaiting.current?.();
  }, []);

  function start() {
    const h = handoff.current;
    if (!h || state === 'waiting') return;
    const popup = openSignInPopup(h, host, reauth);
    if (!popup) {
      setState('blocked');
      return;
    }
    setState('waiting');
    stopWaiting.current = awaitHandoffCode(
      popup,
      (code) => submitHandoff({ code, verifier: h.verifier, host, returnTo }),
      () => setState('closed'),
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={primaryButtonClass}
          aria-disabled={state === 'waiting' || undefined}
          onClick={start}
        >
          {state === 'waiting' ? t('waiting') : label}
        </button>
        {onCancel ? (
          <button type="button" className={buttonClass} onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
        <a
          href="/security"
          target="_blank"
          rel="noopener"
          className="text-sm underline underline-offset-2"
        >
          {t('openInNewTab')}
        </a>
      </div>
      <p role="alert" className="text-sm text-[var(--kw-danger)]">
        {state === 'blocked' ? t('popupBlocked') : ''}
      </p>
      <p role="status" className="text-sm">
        {state === 'closed' ? t('popupClosed') : ''}
      </p>
    </div>
  );
}
