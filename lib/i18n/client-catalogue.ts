import type { Locale } from './config';
import type { Messages } from './messages';
import { createServerText, type ServerMessages } from './server-text-core';

// The catalogue as the browser has it: the root layout hands the page's language (and, for a
// language other than English, the English `server` texts to match against) to <I18nProvider>,
// which registers them here as RSC data, so no catalogue is bundled into the page's JS. Entries
// are per language and never change, so concurrent server renders in different languages can't
// disturb each other.

const catalogues = new Map<Locale, Messages>();
let englishServer: ServerMessages | null = null;

export function registerCatalogue(
  locale: Locale,
  messages: Messages,
  english: ServerMessages | null,
): void {
  if (!catalogues.has(locale)) catalogues.set(locale, messages);
  if (locale === 'en') englishServer = messages.server;
  else if (english && !englishServer) englishServer = english;
}

/** The registered catalogue of a language, if the page was rendered in it. */
export const catalogueFor = (locale: Locale): Messages | null => catalogues.get(locale) ?? null;

export const { serverText, localizeServerText } = createServerText(
  () => englishServer,
  (locale) => catalogueFor(locale)?.server ?? null,
);
