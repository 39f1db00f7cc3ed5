'use client';

import { useTranslations } from 'use-intl';
import { LoadError } from '@/components/security/load-error';

// The last resort for errors the page itself did not expect. Never shows error.message or a
// stack: in production Next replaces them anyway, and in development they'd name internals.
export default function SecurityError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations();
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t('security.title')}</h1>
      <LoadError message={t('common.genericError')} onRetry={reset} />
    </div>
  );
}
