import { createTranslator } from 'use-intl/core';
import type { Locale } from './config';
import { MESSAGES } from './messages';
import { createServerText, type ServerKey } from './server-text-core';

// Text the server writes in English (API error messages, the policy's reasons, default names,
// "Chrome on macOS") in the person's language. Every such text is an entry of the catalogue's
// `server` namespace; lib/ keeps writing the English, and the answer is translated where it
// leaves: the API's error body, and the components that show server text. A test fails when lib/
// holds an error message that is not in the catalogue. Server side: both catalogues are at hand.
// Components use client-catalogue.ts instead, which holds only the page's own.

export type { ServerKey };

export const { serverText, localizeServerText } = createServerText(
  () => MESSAGES.en.server,
  (locale) => MESSAGES[locale].server,
);

/** The `pages` namespace: the few pages the proxy writes as plain HTML. */
export function pageTranslator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'pages' });
}
