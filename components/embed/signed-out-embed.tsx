'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { cardClass } from '@/components/ui/styles';
import { reportKeywardEvent } from './events';
import { currentReturnTo } from './handoff-client';
import { PopupSignIn } from './popup-sign-in';

type Outcome = 'done' | 'failed' | null;

/**
 * The embed page, signed out: a sign-in button (popup) instead of a redirect the tenant's framing
 * refusal would turn into a browser error page. Back from a handoff that "worked" but still
 * signed out, the browser kept no cookie in this frame: then only a new tab can help.
 */
export function SignedOutEmbed({ host }: { host: string }) {
  const t = useTranslations('embed');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [returnTo, setReturnTo] = useState<string | null>(null);

  useEffect(() => {
    const url = new URL(window.location.href);
    const marker = url.searchParams.get('handoff');
    const seen: Outcome = marker === 'done' || marker === 'failed' ? marker : null;
    setOutcome(seen);
    setReturnTo(currentReturnTo());
    if (marker !== null) {
      url.searchParams.delete('handoff');
      window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    }
    if (seen === 'done') {
      reportKeywardEvent('error', { code: 'cookies_blocked', message: t('cookiesBlocked') });
    }
  }, [t]);

  return (
    <section className={`${cardClass} flex flex-col gap-3`} aria-labelledby="kw-signed-out">
      <h1 id="kw-signed-out" className="text-lg font-semibold">
        {t('signedOutHeading')}
      </h1>
      <p className="text-sm">{t('signedOutBody')}</p>
      {outcome === 'done' ? (
        <p role="alert" className="text-sm font-medium">
          {t('cookiesBlocked')}
        </p>
      ) : null}
      {outcome === 'failed' ? (
        <p role="alert" className="text-sm font-medium">
          {t('handoffFailed')}
        </p>
      ) : null}
      {returnTo !== null ? (
        <PopupSignIn host={host} reauth={false} returnTo={returnTo} label={t('signIn')} />
      ) : null}
    </section>
  );
}
