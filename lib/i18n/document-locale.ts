import { createTranslator } from 'use-intl/core';
import { catalogueFor } from './client-catalogue';
import { DEFAULT_LOCALE, isLocale, type Locale } from './config';

/** The page's language, as the root layout set it on <html lang>; English outside a browser. */
export function documentLocale(): Locale {
  const lang = typeof document === 'undefined' ? null : document.documentElement.lang;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

/** `common` messages for code outside React (the API client), in the page's language. */
export function commonText(key: 'network' | 'fallback' | 'tooManyRequests'): string {
  const locale = documentLocale();
  const messages = catalogueFor(locale);
  // Before <I18nProvider> registered the catalogue nothing calls the API; the key then stands in.
  if (!messages) return key;
  return createTranslator({ locale, messages, namespace: 'common' })(key);
}
