import './globals.css';
import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import { SiteHeader } from '@/components/site-header';
import { getEnv } from '@/lib/env';
import { MESSAGES } from '@/lib/i18n/messages';
import { getLocale, getTranslations } from '@/lib/i18n/server';
import { getSessionUser, isAdmin } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('meta');
  return { title: { default: 'Keyward', template: '%s · Keyward' }, description: t('description') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page dynamic, which the per-request CSP nonce requires.
  const requestHeaders = await headers();
  // proxy.ts marks the embed pages, which a host frames: no header, banner or Sign out there.
  const embed = requestHeaders.get('x-keyward-embed') === '1';
  const user = await getSessionUser();
  const locale = await getLocale();
  const t = await getTranslations('layout');
  return (
    <html lang={locale} data-embed={embed ? '' : undefined}>
      <body className={embed ? undefined : 'min-h-screen'}>
        <I18nProvider
          locale={locale}
          messages={MESSAGES[locale]}
          englishServer={locale === 'en' ? null : MESSAGES.en.server}
        >
          {embed ? (
            <main id="main" className="p-4">
              {children}
            </main>
          ) : (
            <>
              <a
                href="#main"
                className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-[var(--kw-surface)] focus:px-3 focus:py-2"
              >
                {t('skipToContent')}
              </a>
              <SiteHeader
                user={user}
                showAdmin={user ? isAdmin(user) : false}
                localTenant={getEnv().local}
              />
              <main id="main" className="mx-auto max-w-6xl px-4 py-8">
                {children}
              </main>
            </>
          )}
        </I18nProvider>
      </body>
    </html>
  );
}
