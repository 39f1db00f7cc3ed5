import './globals.css';
import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { getEnv } from '@/lib/env';
import { getSessionUser, isAdmin } from '@/lib/session';

export const metadata: Metadata = {
  title: { default: 'Keyward', template: '%s · Keyward' },
  description: 'See and manage how you sign in: passkeys, security keys and more.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page dynamic, which the per-request CSP nonce requires.
  await headers();
  const user = await getSessionUser();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-[var(--kw-surface)] focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader
          user={user}
          showAdmin={user ? isAdmin(user) : false}
          localTenant={getEnv().local}
        />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
