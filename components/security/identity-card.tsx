'use client';

import { useTranslations } from 'use-intl';
import { cardClass, mutedClass } from '@/components/ui/styles';
import type { Identity } from '@/lib/factors/types';
import { useIcon } from './icons-context';
import { identityName } from './protection-text';

/**
 * A social or enterprise account that signs the user in. Not removable here. People know it by
 * the provider's name ("Google"), so Auth0's connection id ("google-oauth2") is not shown.
 */
export function IdentityCard({ identity }: { identity: Identity }) {
  const t = useTranslations('security.identity');
  const name = identityName(identity, t('singleSignOn'));
  const icon = useIcon('social');
  return (
    <li className={cardClass}>
      <article className="flex gap-3">
        <span className="mt-0.5 shrink-0 text-[var(--kw-accent)]">{icon}</span>
        <div className="flex min-w-0 flex-col gap-1">
          <h3 className="break-words font-medium">{name}</h3>
          <p className={mutedClass}>
            {identity.isSocial ? t('social', { name }) : t('enterprise')}
          </p>
        </div>
      </article>
    </li>
  );
}
