import type { Context } from 'koa';

// The language of Universal Login's pages, chosen as Auth0 chooses it: the `ui_locales` the
// application sent with /authorize (space-separated, first supported wins), else the browser's
// Accept-Language, else the tenant's default (English). The tenant speaks what Keyward speaks.

export type PageLocale = 'en' | 'de';
const SUPPORTED: readonly PageLocale[] = ['en', 'de'];

const supported = (tag: string): PageLocale | null => {
  const language = tag.trim().toLowerCase().split('-')[0] ?? '';
  return SUPPORTED.find((l) => l === language) ?? null;
};

/** The first supported language of an Accept-Language header, by quality then order. */
function fromAcceptLanguage(header: string | undefined): PageLocale | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return null;
}

export function pageLocale(ctx: Context, uiLocales?: unknown): PageLocale {
  if (typeof uiLocales === 'string') {
    for (const tag of uiLocales.split(/\s+/)) {
      const locale = supported(tag);
      if (locale) return locale;
    }
  }
  return fromAcceptLanguage(ctx.get('accept-language')) ?? 'en';
}
