'use client';

import { useLocale } from 'use-intl';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n/config';

/** The page's language, as the I18nProvider around the components was given it. */
export function usePageLocale(): Locale {
  const locale = useLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}
