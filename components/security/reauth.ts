/**
 * Where to send someone whose sign-in is too old for a sensitive change. `max_age=0` makes the
 * tenant ask for credentials again and puts a fresh `auth_time` in the ID token; after that the
 * person lands back on `returnTo`, whose `resume` parameter tells the page what to finish.
 */
export function buildReauthUrl(loginUrl: string, returnTo: string, resume: string): string {
  const back = new URL(returnTo, 'http://placeholder.invalid');
  back.searchParams.set('resume', resume);
  const params = new URLSearchParams({ returnTo: `${back.pathname}${back.search}`, max_age: '0' });
  return `${loginUrl}?${params.toString()}`;
}

/** Reads and removes the `resume` marker so a reload does not resume twice. */
export function takeResumeMarker(): string | null {
  const url = new URL(window.location.href);
  const resume = url.searchParams.get('resume');
  if (resume === null) return null;
  url.searchParams.delete('resume');
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  return resume;
}

/** Replaces the navigation to sign-in: the embed page opens it in a popup instead. */
type ReauthHandler = (url: string) => void;
let handler: ReauthHandler | null = null;

export function setReauthHandler(next: ReauthHandler): () => void {
  handler = next;
  return () => {
    if (handler === next) handler = null;
  };
}

/** Goes to sign-in (`buildReauthUrl`'s answer): this page navigates, a framed one asks first. */
export function startReauth(url: string): void {
  if (handler) handler(url);
  else window.location.assign(url);
}
