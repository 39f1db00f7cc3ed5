// What a host may ask of the embed page through <keyward-security>'s attributes, which the element
// passes in the frame's address: /embed/security?host=…&lang=de&login_hint=…&sections=…&compact=1.
// Pure (proxy.ts reads `lang`); each value is checked, anything else is dropped.

import { isLocale, type Locale } from '@/lib/i18n/config';

/** The parts of the page a host can choose, in the page's order. */
export const EMBED_SECTIONS = [
  'checkup',
  'passkeys',
  'security-keys',
  'other-methods',
  'sessions',
  'activity',
] as const;
export type EmbedSection = (typeof EMBED_SECTIONS)[number];

export type EmbedOptions = {
  /** Null: the browser's language (Accept-Language), as on Keyward's own pages. */
  lang: Locale | null;
  /** An email address the host already knows; the sign-in page starts with it. */
  loginHint: string | null;
  sections: ReadonlySet<EmbedSection>;
  compact: boolean;
};

const isSection = (value: string): value is EmbedSection =>
  (EMBED_SECTIONS as readonly string[]).includes(value);

/** The host's `lang` when Keyward speaks it; null otherwise (the browser's language then). */
export function localeForEmbed(value: string | null): Locale | null {
  return isLocale(value) ? value : null;
}

// An email address's shape, no more: it only prefills the sign-in page and is compared with the
// session's address. 254 is the longest address SMTP carries.
const HINT = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,189}$/;

export function parseEmbedOptions(params: Record<string, string | string[] | undefined>) {
  const one = (key: string) => (typeof params[key] === 'string' ? params[key] : null);
  const hint = one('login_hint')?.trim() ?? '';
  // Unknown names are dropped; a list with none Keyward knows shows everything.
  const listed = (one('sections') ?? '')
    .split(/[\s,]+/)
    .filter(isSection)
    .slice(0, EMBED_SECTIONS.length);
  const options: EmbedOptions = {
    lang: localeForEmbed(one('lang')),
    loginHint: HINT.test(hint) ? hint : null,
    sections: new Set(listed.length > 0 ? listed : EMBED_SECTIONS),
    compact: one('compact') === '1',
  };
  return options;
}

/** The embed page's own address with these options, for coming back after a sign-in. */
export function embedQuery(host: string, options: EmbedOptions): string {
  const query = new URLSearchParams({ host });
  if (options.lang) query.set('lang', options.lang);
  if (options.loginHint) query.set('login_hint', options.loginHint);
  if (options.sections.size < EMBED_SECTIONS.length)
    query.set('sections', [...options.sections].join(','));
  if (options.compact) query.set('compact', '1');
  return query.toString();
}
