import type { useTranslations } from 'use-intl';
import type { Protection, ProtectionDrop } from '@/lib/factors/checkup';
import type { Identity } from '@/lib/factors/types';
import type { Locale } from '@/lib/i18n/config';
import { FORMAT_LOCALE } from '@/lib/i18n/config';

// The checkup's sentence and the remove dialog's warning, from the policy's account of what signs
// the person in. Lists read as people say them ("a passkey, your password or Google"), joined by
// Intl in the page's language; the words come from the catalogue (security.checkup).

/** useTranslations('security'), typed by the catalogue. */
export type SecurityT = ReturnType<typeof useTranslations<'security'>>;

const or = (locale: Locale, items: string[]) =>
  new Intl.ListFormat(FORMAT_LOCALE[locale], { type: 'disjunction' }).format(items);

// Display names for Auth0's provider ids. Unknown social providers show their id; enterprise
// connections (SAML, OIDC, Entra ID…) read as single sign-on.
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

/** "Google" for google-oauth2; brand names are the same in every language. */
export function identityName(identity: Identity, singleSignOn: string): string {
  const known = SOCIAL_NAMES[identity.provider];
  if (known) return known;
  return identity.isSocial ? identity.provider : singleSignOn;
}

/** "2 passkeys, your password or Google"; empty when nothing signs in on its own. */
export function signInWith(p: Protection, t: SecurityT, locale: Locale): string {
  const ways: string[] = [];
  if (p.passkeys > 0) ways.push(t('checkup.ways.passkeys', { count: p.passkeys }));
  if (p.password) ways.push(t('checkup.ways.password'));
  const sso = t('identity.singleSignOn');
  for (const name of new Set(p.identities.map((i) => identityName(i, sso)))) ways.push(name);
  return ways.length > 0 ? or(locale, ways) : '';
}

/** The checkup's one sentence on how the account is protected. */
export function protectionSentence(p: Protection, t: SecurityT, locale: Locale): string {
  const ways = signInWith(p, t, locale);
  if (!ways) return t('checkup.none');
  const reset = p.emailReset ? ` ${t('checkup.emailReset')}` : '';
  if (p.secondSteps.length === 0) return `${t('checkup.summary', { ways })}${reset}`;
  const second = or(
    locale,
    p.secondSteps.flatMap((k) =>
      k === 'security-key' || k === 'totp' || k === 'phone' || k === 'email' || k === 'push'
        ? [t(`checkup.second.${k}`)]
        : [],
    ),
  );
  return `${t('checkup.summaryWithSecond', { ways, second })}${reset}`;
}

/** What the remove dialog says before someone removes their last passkey or last second step. */
export function dropWarning(drop: ProtectionDrop, t: SecurityT, locale: Locale): string {
  const ways = signInWith(drop.after, t, locale) || t('remove.noWay');
  return drop.kind === 'last-passkey'
    ? t('remove.lastPasskey', { ways })
    : t('remove.lastSecondStep', { ways });
}
