'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { isRecord, jsonBody } from '@/components/api-client';
import { CODE_PATTERN, PROTOCOL } from '@/lib/embed/messages';

type State = 'working' | 'done' | 'failed';

/**
 * In the sign-in popup: mints the code, posts it to the opener on Keyward's own origin only (the
 * frame; any other opener gets nothing), and closes the popup.
 */
export function ReturnToFrame({ host, challenge }: { host: string; challenge: string }) {
  const t = useTranslations('embed');
  const [state, setState] = useState<State>('working');

  useEffect(() => {
    const opener = window.opener as Window | null;
    if (!opener) {
      setState('failed');
      return;
    }
    void (async () => {
      try {
        const res = await fetch('/api/embed/handoff', jsonBody('POST', { challenge, host }));
        const body: unknown = await res.json();
        const code = isRecord(body) && typeof body.code === 'string' ? body.code : '';
        if (!res.ok || !CODE_PATTERN.test(code)) throw new Error('no code');
        opener.postMessage({ protocol: PROTOCOL, type: 'handoff', code }, window.location.origin);
        setState('done');
        window.close();
      } catch {
        setState('failed');
      }
    })();
  }, [host, challenge]);

  return (
    <p role={state === 'failed' ? 'alert' : 'status'}>
      {state === 'working'
        ? t('returnWorking')
        : state === 'done'
          ? t('returnDone')
          : t('returnFailed')}
    </p>
  );
}
