import { FORMAT_LOCALE, type Locale } from '@/lib/i18n/config';
import type { Place } from './types';

// Words for a place in the reader's language: the country by its code through Intl.DisplayNames
// ("Germany" / "Deutschland"), the city as the database names it. Pure: the page and the mail
// composer both use it.

const regionNames = new Map<Locale, Intl.DisplayNames>();

function countryName(code: string, locale: Locale): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([FORMAT_LOCALE[locale]], { type: 'region' });
    regionNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "Berlin, Germany", "this computer", "this network"; null when nothing is known. */
export function formatPlace(
  place: Place | null | undefined,
  locale: Locale,
  words: { thisComputer: string; thisNetwork: string },
): string | null {
  if (!place) return null;
  if (place.scope === 'loopback') return words.thisComputer;
  if (place.scope === 'private') return words.thisNetwork;
  if (!place.country) return null;
  const country = countryName(place.country, locale);
  return place.city ? `${place.city}, ${country}` : country;
}
