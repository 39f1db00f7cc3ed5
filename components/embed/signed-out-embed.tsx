'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { cardClass } from '@/components/ui/styles';
import { firstTime, reportKeywardEvent } from './events';
import { currentReturnTo } from './handoff-client';
import { PopupSignIn } from './popup-sign-in';

type Outcome = 'done' | 'failed' | null;

/**
 * Whether this frame can keep a cookie at all: the session cookie a handoff sets is
 * `SameSite=None; Secure; Partitioned`, so try one of those. Browsers that block even
 * partitioned cookies in frames (or all cookies) drop it, and signing in here cannot work.
 */
function framedCookiesWork(): boolean {
  if (!navigator.cookieEnabled) return false;
  const probe = 'kw-cookie-probe=1';
  // biome-ignore lint/suspicious/noDocumentCookie: a synchronous probe; Safari and Firefox lack the Cookie Store API.
  document.cookie = `${probe}; Path=/; Max-Age=10; SameSite=None; Secure; Partitioned`;
  const kept = document.cookie.split('; ').includes(probe);
  // biome-ignore lint/suspicious/noDocumentCookie: removes the probe.
  document.cookie = `${probe}; Path=/; Max-Age=0; SameSite=None; Secure; Partitioned`;
  return kept;
}

/**
 * The embed page, signed out: a sign-in button (popup) instead of a redirect the tenant's framing
 * refusal would turn into a browser error page. When the browser keeps no cookies in this frame
 * (seen up front, or back from a handoff that "worked" but still signed out), only a new tab can
 * help, and it becomes the main action.
 */
export function SignedOutEmbed({ host, loginHint }: { host: string; loginHint: string | null }) {
  const t = useTranslations('embed');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [cookiesBlocked, setCookiesBlocked] = useState(false);
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
    const blocked = seen === 'done' || (window.parent !== window && !framedCookiesWork());
    setCookiesBlocked(blocked);
    if (blocked && firstTime('cookies_blocked')) {
      reportKeywardEvent('error', { code: 'cookies_blocked', message: t('cookiesBlocked') });
    }
  }, [t]);

  return (
    <section className={`${cardClass} flex flex-col gap-3`} aria-labelledby="kw-signed-out">
      <h1 id="kw-signed-out" className="text-lg font-semibold">
        {t('signedOutHeading')}
      </h1>
      <p className="text-sm">{t('signedOutBody')}</p>
      {cookiesBlocked ? (
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
        <PopupSignIn
          host={host}
          reauth={false}
          returnTo={returnTo}
          label={t('signIn')}
          loginHint={loginHint}
          primary={!cookiesBlocked}
        />
      ) : null}
    </section>
  );
}
