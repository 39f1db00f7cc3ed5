import { createTranslator } from 'use-intl/core';
import type { Locale } from './config';
import type { Messages } from './messages';

// How text the server writes in English is shown in the person's language, without the
// catalogues themselves: the server binds it to both catalogues (server-text.ts), the browser to
// the one its page was rendered with (client-catalogue.ts), so no catalogue ships as JS.

export type ServerMessages = Messages['server'];
export type ServerKey = keyof ServerMessages;

const PLACEHOLDER = /\{(\w+)\}/g;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Shapes that would match too much anywhere else ("X on Y"): only when asked for by name.
const ONLY_WHEN_ASKED: ReadonlySet<ServerKey> = new Set(['device']);

type Matchers = {
  exact: Map<string, ServerKey>;
  patterns: { key: ServerKey; regex: RegExp; names: string[] }[];
};

function matchersFor(english: ServerMessages): Matchers {
  const exact = new Map<string, ServerKey>();
  const patterns: Matchers['patterns'] = [];
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
  return { exact, patterns };
}

export type ServerText = {
  /** One `server` entry in a language. */
  serverText: (key: ServerKey, locale: Locale, values?: Record<string, string | number>) => string;
  /**
   * The catalogue's translation of an English server text, with its values carried over; the
   * text itself when the catalogue does not know it (a name the person chose, a detail from Auth0).
   */
  localizeServerText: (
    text: string,
    locale: Locale,
    options?: { only?: readonly ServerKey[] },
  ) => string;
};

/**
 * `english` is the reference the texts are matched against; `catalogue` gives a language's
 * `server` namespace (null when this side does not hold it: the text then stays as it is).
 */
export function createServerText(
  english: () => ServerMessages | null,
  catalogue: (locale: Locale) => ServerMessages | null,
): ServerText {
  let matchers: Matchers | null = null;
  type Translate = (key: ServerKey, values?: Record<string, string | number>) => string;
  const translators = new Map<Locale, Translate>();
  const translator = (locale: Locale, messages: ServerMessages): Translate => {
    let t = translators.get(locale);
    if (!t) {
      t = createTranslator({ locale, messages: { server: messages }, namespace: 'server' });
      translators.set(locale, t);
    }
    return t;
  };

  function serverText(key: ServerKey, locale: Locale, values?: Record<string, string | number>) {
    const messages = catalogue(locale);
    if (!messages) return english()?.[key] ?? key;
    return translator(locale, messages)(key, values);
  }

  function localizeServerText(
    text: string,
    locale: Locale,
    options: { only?: readonly ServerKey[] } = {},
  ): string {
    if (locale === 'en') return text;
    const reference = english();
    if (!reference || !catalogue(locale)) return text;
    matchers ??= matchersFor(reference);
    const allowed = (key: ServerKey) =>
      options.only ? options.only.includes(key) : !ONLY_WHEN_ASKED.has(key);
    const key = matchers.exact.get(text);
    if (key && allowed(key)) return serverText(key, locale);
    for (const pattern of matchers.patterns) {
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

  return { serverText, localizeServerText };
}
