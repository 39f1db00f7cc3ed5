import { afterEach, beforeAll, vi } from 'vitest';

// public/embed.js itself (the file host pages load), run in happy-dom: for the tests of what the
// element does, and so that mutation testing reaches the served file (test/embed/embed-element
// .test.ts checks its text and build instead). Files using this need, at their top:
//   // @vitest-environment happy-dom
//   // @vitest-environment-options {"settings":{"enableIframePageLoading":true}}

/** The Keyward the elements under test point at (their `src`). */
export const KEYWARD = 'https://keyward.example';

type HappyWindow = { happyDOM: { settings: { fetch: { interceptor: unknown } } } };

/** Loads public/embed.js into this file's page once, and empties the page after each test. */
export function loadServedEmbed() {
  beforeAll(async () => {
    // Keyward's frame page, from no network: an empty document on Keyward's origin.
    (window as unknown as HappyWindow).happyDOM.settings.fetch.interceptor = {
      beforeAsyncRequest: async () =>
        new Response('<!doctype html><title>Keyward</title>', {
          headers: { 'content-type': 'text/html' },
        }),
    };
    await import('../../public/embed.js');
  });

  afterEach(() => {
    document.body.replaceChildren();
    vi.unstubAllGlobals();
  });
}
