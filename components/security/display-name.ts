import type { Factor } from '@/lib/factors/types';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import type { Locale } from '@/lib/i18n/config';

/**
 * The name a row goes by, in the page's language: a passkey's or security key's name is the
 * person's (or was suggested and stored), so it stays as it is; other methods carry the server's
 * English default ("Authenticator app", "Phone ending in 1234"), which the catalogue translates.
 */
export function displayName(factor: Pick<Factor, 'kind' | 'name'>, locale: Locale): string {
  const credential = factor.kind === 'passkey' || factor.kind === 'security-key';
  return credential ? factor.name : localizeServerText(factor.name, locale);
}
