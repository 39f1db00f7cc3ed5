'use client';

import { useTranslations } from 'use-intl';
import { primaryButtonClass } from './styles';

/** A section that could not load: what went wrong in plain words, and a way to try again. */
export function RetryAlert({
  message,
  busy = false,
  onRetry,
}: {
  message: string;
  busy?: boolean;
  onRetry: () => void;
}) {
  const common = useTranslations('common');
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-3 rounded-[var(--kw-radius)] border border-[var(--kw-danger)] bg-[var(--kw-surface)] p-4"
    >
      <p className="text-sm">{message}</p>
      <button type="button" className={primaryButtonClass} disabled={busy} onClick={onRetry}>
        {busy ? common('tryingAgain') : common('tryAgain')}
      </button>
    </div>
  );
}
