'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { buttonClass } from '@/components/ui/styles';
import { CheckIcon, CopyIcon } from './icons';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies a PEM certificate; the result shows beside the button and is announced politely. */
export function CopyCertButton({ cert, kid }: { cert: string; kid: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const t = useTranslations('admin.copy');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(cert);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" onClick={copy} aria-label={t('label', { kid })} className={buttonClass}>
        <CopyIcon />
        {t('button')}
      </button>
      <span role="status" className="text-sm">
        {state === 'copied' && (
          <span className="inline-flex items-center gap-1 text-[var(--kw-success)]">
            <CheckIcon />
            {t('copied')}
          </span>
        )}
        {state === 'failed' && <span className="text-[var(--kw-danger)]">{t('failed')}</span>}
      </span>
    </span>
  );
}
