import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { createTranslator } from 'use-intl/core';
import { processShared } from '@/lib/core/registry';
import { type Locale, negotiateLocale } from './config';
import { MESSAGES, type Messages } from './messages';

/** The request's language, from the browser's Accept-Language. Once per request. */
export const getLocale = cache(
  async (): Promise<Locale> => negotiateLocale((await headers()).get('accept-language')),
);

const build = <N extends keyof Messages>(locale: Locale, namespace: N) =>
  createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: 'UTC' });

// One translator per locale and namespace for the life of the process: the catalogues never change
// while it runs, and building one parses its messages again (issue 22). A plain bounded Map: the
// keys are the catalogue's, a few dozen at most, and forgetting it costs only a rebuild. Kept in the
// registry, so every route bundle shares one set.
const translatorCache = () => processShared('translators', () => new Map<string, unknown>());
const MAX_TRANSLATORS = 200;

/** A translator for server components, like the browser's useTranslations. */
export async function getTranslations<N extends keyof Messages>(namespace: N) {
  const locale = await getLocale();
  const translators = translatorCache();
  const key = `${locale}:${String(namespace)}`;
  let t = translators.get(key) as ReturnType<typeof build<N>> | undefined;
  if (!t) {
    t = build(locale, namespace);
    if (translators.size >= MAX_TRANSLATORS) translators.clear();
    translators.set(key, t);
  }
  return t;
}
