import { type Checked, isString, nullable, objectOf, oneOf } from '@/lib/shapes/check';

// An approximate place for an IP address, as the security page shows it. Shared by the server
// (which looks it up) and the browser (which words it in the page's language).

export const PLACE_SCOPES = ['public', 'private', 'loopback'] as const;

export const isPlace = objectOf({
  /** `loopback`: "this computer"; `private`: "this network"; `public`: city and country below. */
  scope: oneOf(PLACE_SCOPES),
  /** The city as the database names it (English), without its district; null when unknown. */
  city: nullable(isString),
  /** ISO 3166-1 alpha-2 code, worded by the browser (Intl.DisplayNames); null when unknown. */
  country: nullable(isString),
});
export type Place = Checked<typeof isPlace>;

/** Credit the DB-IP Lite licence (CC BY 4.0) asks for wherever its places are shown. */
export const PLACE_ATTRIBUTION_URL = 'https://db-ip.com';
/** The credit's own words, as DB-IP asks for them (the same in every language). */
export const PLACE_ATTRIBUTION_TEXT = 'IP Geolocation by DB-IP';
