import { getTranslations } from '@/lib/i18n/server';

// Shown while the security page waits for Auth0: the page's shape, without content.
export default async function SecurityLoading() {
  const t = await getTranslations('security');
  const row =
    'h-24 rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface-2)]';
  return (
    <div className="flex max-w-4xl flex-col gap-6" aria-busy="true">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p role="status" className="text-[var(--kw-muted)]">
        {t('loading')}
      </p>
      <div className="flex animate-pulse flex-col gap-3" aria-hidden="true">
        <div className="h-6 w-32 rounded bg-[var(--kw-surface-2)]" />
        <div className={row} />
        <div className={row} />
        <div className="mt-4 h-6 w-40 rounded bg-[var(--kw-surface-2)]" />
        <div className={row} />
      </div>
    </div>
  );
}
