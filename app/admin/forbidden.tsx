import Link from 'next/link';
import { getTranslations } from '@/lib/i18n/server';

// Shown with HTTP 403 when a signed-in person without the admin role opens an /admin page.
export default async function AdminForbidden() {
  const t = await getTranslations('admin');
  return (
    <div className="max-w-xl space-y-4 py-8 text-[var(--kw-text)]">
      <h1 className="text-2xl font-semibold">{t('forbidden.title')}</h1>
      <p className="text-sm text-[var(--kw-muted)]">{t('forbidden.body')}</p>
      <p>
        <Link
          href="/"
          className="text-sm font-medium text-[var(--kw-accent)] underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--kw-focus)]"
        >
          {t('forbidden.back')}
        </Link>
      </p>
    </div>
  );
}
