import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { createTranslator } from 'use-intl/core';
import { type Locale, negotiateLocale } from './config';
import { MESSAGES, type Messages } from './messages';

/** The request's language, from the browser's Accept-Language. Once per request. */
export const getLocale = cache(
  async (): Promise<Locale> => negotiateLocale((await headers()).get('accept-language')),
);

/** A translator for server components, like the browser's useTranslations. */
export async function getTranslations<N extends keyof Messages>(namespace: N) {
  const locale = await getLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: 'UTC' });
}
