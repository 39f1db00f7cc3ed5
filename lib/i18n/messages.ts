import de from '@/messages/de.json';
import en from '@/messages/en.json';
import type { Locale } from './config';

// The one catalogue: every string a person reads, in every language we ship. English is the
// reference; a test keeps the other languages' keys identical to it.

export type Messages = typeof en;

export const MESSAGES: Record<Locale, Messages> = { en, de };
