import { createTranslator } from 'use-intl/core';
import { DEFAULT_LOCALE, isLocale, type Locale } from './config';
import { MESSAGES } from './messages';

/** The page's language, as the root layout set it on <html lang>; English outside a browser. */
export function documentLocale(): Locale {
  const lang = typeof document === 'undefined' ? null : document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/** `common` messages for code outside React (the API client), in the page's language. */
export function commonText(key: 'network' | 'fallback' | 'tooManyRequests'): string {
  const locale = documentLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'common' })(key);
}
