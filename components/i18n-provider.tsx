'use client';

import type { ReactNode } from 'react';
import { IntlProvider } from 'use-intl';
import { registerCatalogue } from '@/lib/i18n/client-catalogue';
import type { Locale } from '@/lib/i18n/config';
import type { Messages } from '@/lib/i18n/messages';
import type { ServerMessages } from '@/lib/i18n/server-text-core';

/**
 * The catalogue for the browser's components, in the request's language. Times are shown in UTC,
 * so the server's render and the browser's hydration read the same.
 */
export function I18nProvider({
  locale,
  messages,
  englishServer,
  children,
}: {
  locale: Locale;
  messages: Messages;
  /**
   * For a language other than English: the English `server` texts that server text is matched
   * against. Without it, server text (an API error, a device name) stays in English.
   */
  englishServer?: ServerMessages | null;
  children: ReactNode;
}) {
  registerCatalogue(locale, messages, englishServer ?? null);
  return (
    <IntlProvider locale={locale} messages={messages} timeZone="UTC">
      {children}
    </IntlProvider>
  );
}
