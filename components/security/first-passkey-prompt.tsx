'use client';

import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { cardClass, mutedClass, primaryButtonClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import type { Identity } from '@/lib/factors/types';
import { FORMAT_LOCALE } from '@/lib/i18n/config';
import { identityName } from './protection-text';

/** The empty state of "Passkeys": a prominent invitation, holding the add controls. */
export function FirstPasskeyPrompt({ addControls }: { addControls?: ReactNode }) {
  const t = useTranslations('security');
  return (
    <div className={`${cardClass} flex flex-col gap-3 border-[var(--kw-accent)]`}>
      <h3 className="text-lg font-semibold">{t('firstPasskey.title')}</h3>
      <p className={mutedClass}>{t('firstPasskey.body')}</p>
      {/* The add controls (issue 5) go here while the user has no passkey. */}
      {addControls ?? (
        <div>
          <button type="button" className={primaryButtonClass} disabled>
            {t('add.passkey')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The "Passkeys" section for an account with no email-and-password identity: Auth0 keeps passkeys
 * on that identity, so there is nothing to add, and the page says why instead of offering it.
 */
export function PasskeysUnavailable({ identities }: { identities: Identity[] }) {
  const t = useTranslations('security');
  const locale = usePageLocale();
  const names = [...new Set(identities.map((i) => identityName(i, t('identity.singleSignOn'))))];
  const via =
    names.length > 0
      ? new Intl.ListFormat(FORMAT_LOCALE[locale], { type: 'disjunction' }).format(names)
      : t('unavailable.anotherProvider');
  return (
    <div className={`${cardClass} flex flex-col gap-2`} data-passkeys-unavailable="">
      <h3 className="font-semibold">{t('unavailable.title')}</h3>
      <p className={mutedClass}>{t('unavailable.body', { via })}</p>
    </div>
  );
}
