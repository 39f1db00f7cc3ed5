import { EMBED_RETURN_PAGE, EMBED_SESSION_ROUTE } from '@/lib/embed/frame-policy';
import { isHandoffMessage } from '@/lib/embed/messages';

// The frame's side of signing in through a popup (lib/embed/handoff.ts has the whole story).

export type Handoff = { verifier: string; challenge: string };

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** A fresh verifier and its SHA-256; made ahead of the click, so the popup opens inside it. */
export async function newHandoff(): Promise<Handoff> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: b64url(new Uint8Array(digest)) };
}

/**
 * Opens sign-in as a top-level popup (the tenant's sign-in page refuses to be framed). Must run
 * inside the click's handler; null when the browser blocked the popup.
 */
export function openSignInPopup(
  handoff: Handoff,
  host: string,
  reauth: boolean,
  loginHint: string | null,
): Window | null {
  return window.open(signInUrl(handoff, host, reauth, loginHint), POPUP_NAME, POPUP_FEATURES);
}

export const POPUP_NAME = 'keyward-sign-in';
export const POPUP_FEATURES = 'popup=yes,width=480,height=720';

/**
 * The popup's first address: nextjs-auth0's /auth/login passes every query parameter but
 * `returnTo` on to the tenant's /authorize, so `login_hint` prefills the email there (Universal
 * Login does the same).
 */
export function signInUrl(
  handoff: Handoff,
  host: string,
  reauth: boolean,
  loginHint: string | null,
): string {
  const back = `${EMBED_RETURN_PAGE}?${new URLSearchParams({ challenge: handoff.challenge, host })}`;
  const params = new URLSearchParams({ returnTo: back });
  // As on /security: max_age=0 makes the tenant ask again and puts a fresh auth_time in the token.
  if (reauth) params.set('max_age', '0');
  if (loginHint) params.set('login_hint', loginHint);
  return `${window.location.origin}/auth/login?${params}`;
}

/**
 * Waits for the popup's code: only on Keyward's own origin, in the expected shape, and from that
 * popup when the frame opened it (null: the host opened it for element.signIn(), and the frame
 * holds no reference to it). `onClosed` runs when the popup goes away without one. Returns a
 * cancel function.
 */
export function awaitHandoffCode(
  popup: Window | null,
  onCode: (code: string) => void,
  onClosed: () => void,
): () => void {
  let done = false;
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== window.location.origin) return;
    if (popup && event.source !== popup) return;
    if (!isHandoffMessage(event.data)) return;
    done = true;
    stop();
    onCode(event.data.code);
  };
  const timer = window.setInterval(() => {
    if (!popup?.closed || done) return;
    window.clearInterval(timer);
    // The popup posts, then closes: give its message a moment to arrive before giving up.
    window.setTimeout(() => {
      if (done) return;
      stop();
      onClosed();
    }, 1000);
  }, 500);
  const stop = () => {
    window.clearInterval(timer);
    window.removeEventListener('message', onMessage);
  };
  window.addEventListener('message', onMessage);
  return stop;
}

/**
 * Trades the code for the frame's own session: a form post, so the cookie arrives on a navigation
 * of this frame and lands in its partition. The frame reloads at `returnTo`.
 */
export function submitHandoff(fields: {
  code: string;
  verifier: string;
  host: string;
  returnTo: string;
}): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = EMBED_SESSION_ROUTE;
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

/** This page's address without the handoff's outcome marker: where to come back to. */
export function currentReturnTo(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('handoff');
  return `${url.pathname}${url.search}`;
}
