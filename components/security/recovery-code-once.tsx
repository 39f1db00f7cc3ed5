'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { buttonClass, primaryButtonClass } from '@/components/ui/styles';

/**
 * The new recovery code, shown this once: copy, download as a text file, and "I've saved it",
 * after which it is gone from the page (Keyward never stored it; Auth0 never shows it again).
 */
export function RecoveryCodeOnce({ code, onDone }: { code: string; onDone: () => void }) {
  const t = useTranslations('security.account');
  const [copyState, setCopyState] = useState<'copied' | 'failed' | null>(null);
  const ref = useRef<HTMLElement>(null);
  // Shown: focus goes to it, so the code is the next thing read.
  useEffect(() => {
    ref.current?.focus();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };

  const download = () => {
    const blob = new Blob([`${t('downloadText', { code })}\n`], { type: 'text/plain' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'recovery-code.txt';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="recovery-code-title"
      className="flex flex-col gap-2 rounded-[var(--kw-radius)] border border-[var(--kw-accent)] p-3"
    >
      <h4 id="recovery-code-title" className="font-medium">
        {t('codeTitle')}
      </h4>
      <p className="text-sm">{t('codeOnce')}</p>
      <code
        data-testid="recovery-code"
        className="select-all break-all font-mono text-lg tracking-wider"
      >
        {code}
      </code>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass} onClick={() => void copy()}>
          {t('copy')}
        </button>
        <button type="button" className={buttonClass} onClick={download}>
          {t('download')}
        </button>
        <button type="button" className={primaryButtonClass} onClick={onDone}>
          {t('done')}
        </button>
      </div>
      <p role="status" className="text-sm">
        {copyState === 'copied' ? t('copied') : copyState === 'failed' ? t('copyFailed') : ''}
      </p>
    </section>
  );
}
