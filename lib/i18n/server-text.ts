import { createTranslator } from 'use-intl/core';
import type { Locale } from './config';
import { MESSAGES } from './messages';

// Text the server writes in English (API error messages, the policy's reasons, default names,
// "Chrome on macOS") in the person's language. Every such text is an entry of the catalogue's
// `server` namespace; lib/ keeps writing the English, and the answer is translated where it
// leaves: the API's error body, and the components that show server text. A test fails when lib/
// holds an error message that is not in the catalogue.

export type ServerKey = keyof (typeof MESSAGES)['en']['server'];

const english = MESSAGES.en.server;
const PLACEHOLDER = /\{(\w+)\}/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const exact = new Map<string, ServerKey>();
const patterns: { key: ServerKey; regex: RegExp; names: string[] }[] = [];
for (const [key, text] of Object.entries(english) as [ServerKey, string][]) {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  if (names.length === 0) {
    exact.set(text, key);
    continue;
  }
  const source = text
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 === 1 ? '(.+?)' : escapeRegExp(part)))
    .join('');
  patterns.push({ key, regex: new RegExp(`^${source}$`, 's'), names });
}

// Shapes that would match too much anywhere else ("X on Y"): only when asked for by name.
const ONLY_WHEN_ASKED: ReadonlySet<ServerKey> = new Set(['device']);

const translators = new Map<Locale, ReturnType<typeof translatorFor>>();
function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'server' });
}
function translator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) {
    t = translatorFor(locale);
    translators.set(locale, t);
  }
  return t;
}

/** One `server` entry in a language. */
export function serverText(
  key: ServerKey,
  locale: Locale,
  values?: Record<string, string | number>,
): string {
  return translator(locale)(key, values);
}

/**
 * The catalogue's translation of an English server text, with its values carried over; the text
 * itself when the catalogue does not know it (a name the person chose, a detail from Auth0).
 */
export function localizeServerText(
  text: string,
  locale: Locale,
  options: { only?: readonly ServerKey[] } = {},
): string {
  if (locale === 'en') return text;
  const allowed = (key: ServerKey) =>
    options.only ? options.only.includes(key) : !ONLY_WHEN_ASKED.has(key);
  const key = exact.get(text);
  if (key && allowed(key)) return serverText(key, locale);
  for (const pattern of patterns) {
    if (!allowed(pattern.key)) continue;
    const match = pattern.regex.exec(text);
    if (!match) continue;
    const values = Object.fromEntries(
      pattern.names.map((name, i) => {
        const value = match[i + 1] ?? '';
        return [name, /^\d+$/.test(value) ? Number(value) : value];
      }),
    );
    return serverText(pattern.key, locale, values);
  }
  return text;
}

/** The `pages` namespace: the few pages the proxy writes as plain HTML. */
export function pageTranslator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'pages' });
}
