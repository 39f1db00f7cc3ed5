'use client';

import { useEffect, useState } from 'react';
import { buttonClass } from '@/components/ui/styles';
import { CheckIcon, CopyIcon } from './icons';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies a PEM certificate; the result shows beside the button and is announced politely. */
export function CopyCertButton({ cert, kid }: { cert: string; kid: string }) {
  const [state, setState] = useState<CopyState>('idle');

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
      <button
        type="button"
        onClick={copy}
        aria-label={`Copy certificate of key ${kid}`}
        className={buttonClass}
      >
        <CopyIcon />
        Copy certificate
      </button>
      <span role="status" className="text-sm">
        {state === 'copied' && (
          <span className="inline-flex items-center gap-1 text-[var(--kw-success)]">
            <CheckIcon />
            Copied
          </span>
        )}
        {state === 'failed' && (
          <span className="text-[var(--kw-danger)]">
            Copying failed: your browser blocked access to the clipboard.
          </span>
        )}
      </span>
    </span>
  );
}
