import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PanelsLoading, SecurityPanels } from '@/components/security/security-panels';
import { getTranslations } from '@/lib/i18n/server';
import { requireUser } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('meta'))('security') };
}

// Auth0's password page sends people back with `?password=changed`. A password change may end
// every session (back-channel logout), so the sign-in it leads to must bring that notice along.
const PASSWORD_CHANGED = '/security?password=changed';

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { password } = await searchParams;
  const user = await requireUser(password === 'changed' ? PASSWORD_CHANGED : '/security');
  const t = await getTranslations('security');
  // The heading and intro go out in the first bytes, before Auth0 is asked anything: they are the
  // page's largest text (its LCP), so it paints at once; the lists stream in behind them.
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-[var(--kw-muted)]">{t('intro')}</p>
      </header>
      <Suspense fallback={<PanelsLoading text={t('loading')} />}>
        <SecurityPanels user={user} returnTo="/security" />
      </Suspense>
    </div>
  );
}
