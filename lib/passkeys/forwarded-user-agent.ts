import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

const forwarded = new AsyncLocalStorage<string>();

/**
 * Runs `call` so that requests nextjs-auth0 makes for it carry the person's browser User-Agent.
 * Auth0 records "the user-agent of the browser used to create the passkey"; Keyward makes the call
 * for the browser, so without this Auth0 would record the server's.
 */
export function withBrowserUserAgent<T>(userAgent: string | null, call: () => Promise<T>) {
  return userAgent ? forwarded.run(userAgent.slice(0, 512), call) : call();
}

/** nextjs-auth0's `customFetch`: plain fetch, plus the forwarded User-Agent inside the above. */
export function myAccountFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const userAgent = forwarded.getStore();
  if (!userAgent) return fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set('user-agent', userAgent);
  return fetch(input, { ...init, headers });
}
