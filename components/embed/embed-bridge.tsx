'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { setReauthHandler } from '@/components/security/reauth';
import { EMBED_PAGE, FRAME_HEADER } from '@/lib/embed/frame-policy';
import {
  type EventDetails,
  type EventType,
  type InternalDetails,
  isIncomingMessage,
  PROTOCOL,
} from '@/lib/embed/messages';
import { applyTheme, checkTheme } from '@/lib/embed/theme';
import { firstTime, HOST_SIGN_IN, onKeywardEvent } from './events';
import { currentReturnTo } from './handoff-client';
import { PopupSignIn } from './popup-sign-in';

type Props = {
  /** The host origin, checked against EMBED_ALLOWED_ORIGINS by the server. */
  host: string;
  signedIn: boolean;
  loginHint: string | null;
};

type Details = EventDetails & InternalDetails;

/**
 * element.signOut(): nextjs-auth0's logout ends the server-side session (every copy of its
 * cookie with it, the frame's included); the redirect to the tenant is not followed, since the
 * tenant's pages refuse to be framed. The frame then loads again, signed out.
 */
async function signOutHere(): Promise<void> {
  try {
    await fetch('/auth/logout', {
      method: 'POST',
      redirect: 'manual',
      headers: { [FRAME_HEADER]: '1' },
    });
  } finally {
    window.location.replace(currentReturnTo());
  }
}

/** Calls `onChange(open)` when the first modal dialog opens and when the last one closes. */
function watchDialogs(onChange: (open: boolean) => void): () => void {
  let open = false;
  const observer = new MutationObserver(() => {
    const now = document.querySelector('dialog[open]') !== null;
    if (now === open) return;
    open = now;
    onChange(now);
  });
  observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['open'] });
  return () => observer.disconnect();
}

/**
 * The embed page's link to its host: tells it what happens (exactly to `host`: the browser drops
 * the message if the parent is anyone else), its height, takes its theme (only from the parent
 * window, on `host`'s origin, in the expected shape), and asks for a sign-in again in a popup
 * where /security would navigate away.
 */
export function EmbedBridge({ host, signedIn, loginHint }: Props) {
  const t = useTranslations('embed');
  const [reauthReturnTo, setReauthReturnTo] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const framed = window.parent !== window;
    const post = <T extends EventType | keyof InternalDetails>(type: T, detail: Details[T]) => {
      if (framed) window.parent.postMessage({ protocol: PROTOCOL, type, detail }, host);
    };
    const stopEvents = onKeywardEvent(post);

    const onMessage = (event: MessageEvent) => {
      if (event.origin !== host || event.source !== window.parent) return;
      const message = event.data;
      if (!isIncomingMessage(message)) return;
      if (message.type === 'viewport') showVisible(message.top, message.height);
      else if (message.type === 'theme') {
        const { theme, invalid } = checkTheme(message.theme);
        applyTheme(document.documentElement, theme);
        if (invalid.length > 0) post('theme-invalid', { tokens: invalid });
      } else if (message.type === 'sign-in') window.dispatchEvent(new Event(HOST_SIGN_IN));
      else void signOutHere();
    };
    window.addEventListener('message', onMessage);

    let lastHeight = 0;
    const measure = () => {
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === lastHeight) return;
      lastHeight = height;
      post('resize', { height });
    };
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);

    // The frame is as tall as its content, so a modal dialog centred in it could sit far below
    // what the person sees. Centre dialogs in the part of the frame on screen (app/globals.css):
    // <keyward-security> reports it on every scroll; an observer (which measures against the
    // top-level viewport from a frame) covers hosts that frame the page themselves, though it only
    // fires when the visible share changes, not on a scroll through the middle of a tall frame.
    const root = document.documentElement;
    const showVisible = (top: number, height: number) => {
      root.style.setProperty('--kw-visible-top', `${Math.round(top)}px`);
      root.style.setProperty('--kw-visible-height', `${Math.round(height)}px`);
    };
    const visible = new IntersectionObserver(
      ([entry]) => {
        if (entry) showVisible(entry.intersectionRect.top, entry.intersectionRect.height);
      },
      { threshold: Array.from({ length: 101 }, (_, i) => i / 100) },
    );
    visible.observe(document.body);

    // Signed in after a handoff: the marker has done its job (the signed-out view reads it).
    const url = new URL(window.location.href);
    if (signedIn && url.searchParams.has('handoff')) {
      url.searchParams.delete('handoff');
      window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    }
    // Once per load: StrictMode (dev) runs this effect twice, and the host counts these.
    if (firstTime('ready')) {
      post('ready', { signedIn });
      if (!signedIn) post('signed-out', {});
    }
    measure();
    const stopDialogs = watchDialogs((open) => post(open ? 'dialog-open' : 'dialog-close', {}));

    const stopReauth = setReauthHandler((url) => {
      post('reauth-required', {});
      const back = new URL(url, window.location.origin).searchParams.get('returnTo') ?? '';
      const target = new URL(back, window.location.origin);
      // Only ever back to this page (the components build it from their returnTo).
      setReauthReturnTo(
        target.origin === window.location.origin && target.pathname === EMBED_PAGE
          ? `${target.pathname}${target.search}`
          : `${window.location.pathname}${window.location.search}`,
      );
    });
    return () => {
      stopEvents();
      stopReauth();
      stopDialogs();
      observer.disconnect();
      visible.disconnect();
      window.removeEventListener('message', onMessage);
    };
  }, [host, signedIn]);

  useEffect(() => {
    if (reauthReturnTo !== null && !dialog.current?.open) dialog.current?.showModal();
  }, [reauthReturnTo]);

  // Cancelling leaves the action half-way (its dialog waits for the sign-in): start over cleanly.
  const cancel = () =>
    window.location.replace(`${window.location.pathname}${window.location.search}`);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="kw-reauth-title"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface)] p-5 text-[var(--kw-text)]"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      {reauthReturnTo !== null ? (
        <div className="flex flex-col gap-3">
          <h2 id="kw-reauth-title" className="text-lg font-semibold">
            {t('reauthHeading')}
          </h2>
          <p className="text-sm">{t('reauthBody')}</p>
          <PopupSignIn
            host={host}
            reauth
            returnTo={reauthReturnTo}
            label={t('reauthButton')}
            loginHint={loginHint}
            onCancel={cancel}
          />
        </div>
      ) : null}
    </dialog>
  );
}
