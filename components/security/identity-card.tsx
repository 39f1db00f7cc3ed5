import { cardClass, mutedClass } from '@/components/ui/styles';
import type { Identity } from '@/lib/factors/types';
import { SocialIcon } from './icons';

// Display names for Auth0's provider ids. Unknown social providers show their id; enterprise
// connections (SAML, OIDC, Entra ID…) read as single sign-on with the connection's name.
const SOCIAL_NAMES: Record<string, string> = {
  'google-oauth2': 'Google',
  apple: 'Apple',
  github: 'GitHub',
  windowslive: 'Microsoft',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  twitter: 'X',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  amazon: 'Amazon',
};

export function identityName(identity: Identity): string {
  const known = SOCIAL_NAMES[identity.provider];
  if (known) return known;
  return identity.isSocial ? identity.provider : 'Single sign-on';
}

/**
 * A social or enterprise account that signs the user in. Not removable here. People know it by
 * the provider's name ("Google"), so Auth0's connection id ("google-oauth2") is not shown.
 */
export function IdentityCard({ identity }: { identity: Identity }) {
  const name = identityName(identity);
  return (
    <li className={cardClass}>
      <article className="flex gap-3">
        <span className="mt-0.5 shrink-0 text-[var(--kw-accent)]">
          <SocialIcon />
        </span>
        <div className="flex min-w-0 flex-col gap-1">
          <h3 className="break-words font-medium">{name}</h3>
          <p className={mutedClass}>
            {identity.isSocial
              ? `You can sign in with your ${name} account.`
              : 'You can sign in through your organisation.'}
          </p>
        </div>
      </article>
    </li>
  );
}
