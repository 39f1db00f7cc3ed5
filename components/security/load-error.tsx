'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { useTranslations } from 'use-intl';
import { primaryButtonClass } from '@/components/ui/styles';

type Props = {
  message: string;
  /** Extra work before re-rendering, e.g. an error boundary's reset(). */
  onRetry?: () => void;
};

/** The page's error state: what went wrong in plain words, and a way to try again. */
export function LoadError({ message, onRetry }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const t = useTranslations();
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-3 rounded-[var(--kw-radius)] border border-[var(--kw-danger)] bg-[var(--kw-surface)] p-4"
    >
      <h2 className="text-lg font-semibold">{t('security.loadErrorTitle')}</h2>
      <p className="text-sm">{message}</p>
      <button
        type="button"
        className={primaryButtonClass}
        disabled={pending}
        onClick={() =>
          startTransition(() => {
            onRetry?.();
            router.refresh();
          })
        }
      >
        {pending ? t('common.tryingAgain') : t('common.tryAgain')}
      </button>
    </div>
  );
}
