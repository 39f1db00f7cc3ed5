'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { buttonClass, primaryButtonClass } from '@/components/ui/styles';
import { PROTOCOL } from '@/lib/embed/messages';
import { HOST_SIGN_IN } from './events';
import {
  awaitHandoffCode,
  type Handoff,
  newHandoff,
  openSignInPopup,
  signInUrl,
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
  /** The host's login-hint: the sign-in page starts with this email address. */
  loginHint: string | null;
  /**
   * False when the browser keeps no cookies in this frame: signing in here cannot work, so
   * "Open in a new tab" becomes the main action and the sign-in button a plain one.
   */
  primary?: boolean;
  onCancel?: () => void;
};

/**
 * The sign-in button of a framed page: a popup from the click, then the handoff. When the popup
 * cannot open, or the browser keeps no session in frames, "Open in a new tab" is the way on.
 */
export function PopupSignIn({
  host,
  reauth,
  returnTo,
  label,
  loginHint,
  primary = true,
  onCancel,
}: Props) {
  const t = useTranslations('embed');
  const handoff = useRef<Handoff | null>(null);
  const stopWaiting = useRef<(() => void) | null>(null);
  const [state, setState] = useState<PopupState>('idle');

  useEffect(() => {
    let live = true;
    const receive = (code: string) => {
      const h = handoff.current;
      if (h) submitHandoff({ code, verifier: h.verifier, host, returnTo });
    };
    void newHandoff().then((h) => {
      if (!live) return;
      handoff.current = h;
      // element.signIn() opens the popup from the host's click (the frame has no user activation
      // of its own there), so the host needs the address beforehand. Only the plain sign-in.
      if (!reauth && window.parent !== window) {
        const url = signInUrl(h, host, false, loginHint);
        window.parent.postMessage(
          { protocol: PROTOCOL, type: 'sign-in-url', detail: { url } },
          host,
        );
      }
    });
    const onHostSignIn = () => {
      stopWaiting.current?.();
      setState('waiting');
      stopWaiting.current = awaitHandoffCode(null, receive, () => setState('closed'));
    };
    if (!reauth) window.addEventListener(HOST_SIGN_IN, onHostSignIn);
    return () => {
      live = false;
      window.removeEventListener(HOST_SIGN_IN, onHostSignIn);
      stopWaiting.current?.();
    };
  }, [host, reauth, loginHint, returnTo]);

  function start() {
    const h = handoff.current;
    if (!h || state === 'waiting') return;
    const popup = openSignInPopup(h, host, reauth, loginHint);
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
          className={primary ? primaryButtonClass : buttonClass}
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
          className={primary ? 'text-sm underline underline-offset-2' : primaryButtonClass}
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
