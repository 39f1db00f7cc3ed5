'use client';

import { useTranslations } from 'use-intl';
import { cardClass } from '@/components/ui/styles';
import { PopupSignIn } from './popup-sign-in';

type Props = { host: string; email: string; loginHint: string; returnTo: string };

/**
 * The frame is signed in as someone other than the host's login-hint: say who, and offer a
 * sign-in as the hinted person (the tenant asks again, with that address filled in; the handoff
 * then replaces the frame's session).
 */
export function SwitchAccount({ host, email, loginHint, returnTo }: Props) {
  const t = useTranslations('embed');
  return (
    <section className={`${cardClass} flex flex-col gap-3`} aria-labelledby="kw-other-person">
      <h2 id="kw-other-person" className="text-base font-semibold">
        {t('otherPersonHeading')}
      </h2>
      <p className="text-sm">{t('otherPersonBody', { email, hint: loginHint })}</p>
      <PopupSignIn
        host={host}
        reauth
        returnTo={returnTo}
        label={t('switchAccount', { hint: loginHint })}
        loginHint={loginHint}
      />
    </section>
  );
}
