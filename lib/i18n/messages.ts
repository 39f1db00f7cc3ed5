import de from '@/messages/de.json';
import en from '@/messages/en.json';
import type { Locale } from './config';

// The one catalogue: every string a person reads, in every language we ship. English is the
// reference; a test keeps the other languages' keys identical to it.

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, de };

/** The region whose conventions dates and numbers follow in each language. */
export const FORMAT_LOCALE: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };
