'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { isRecord, jsonBody } from '@/components/api-client';
import { CODE_PATTERN, PROTOCOL } from '@/lib/embed/messages';

type State = 'working' | 'done' | 'failed';

/**
 * Every window the code may be for: the opener (the frame, when it opened the popup) and the
 * opener's frames, nested (the host page, when element.signIn() opened it from there). Messages
 * go to Keyward's own origin only, so the browser delivers them to Keyward's frames alone.
 */
function openerWindows(opener: Window): Window[] {
  const all: Window[] = [];
  const visit = (w: Window, depth: number) => {
    all.push(w);
    if (depth === 0) return;
    for (let i = 0; i < w.frames.length && i < 32; i++) {
      const child = w.frames[i];
      if (child) visit(child, depth - 1);
    }
  };
  visit(opener, 3);
  return all;
}

/**
 * In the sign-in popup: mints the code, posts it to Keyward's frame that asked for it, on
 * Keyward's own origin only (any other window gets nothing), and closes the popup.
 */
export function ReturnToFrame({ host, challenge }: { host: string; challenge: string }) {
  const t = useTranslations('embed');
  const [state, setState] = useState<State>('working');
  // Once per popup: StrictMode (dev) runs effects twice, and a second request still in flight
  // when the popup closes would be cut off (the server logged it as an unhandled error).
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
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
        for (const target of openerWindows(opener)) {
          target.postMessage({ protocol: PROTOCOL, type: 'handoff', code }, window.location.origin);
        }
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
