import { describe, expect, it } from 'vitest';
import { EMBED_SECTIONS, embedQuery, localeForEmbed, parseEmbedOptions } from './options';

describe('what a host may ask of the embed page', () => {
  it('takes lang, login_hint, sections and compact, each checked', () => {
    const options = parseEmbedOptions({
      lang: 'de',
      login_hint: 'alice@example.com',
      sections: 'passkeys, sessions,nonsense',
      compact: '1',
    });
    expect(options.lang).toBe('de');
    expect(options.loginHint).toBe('alice@example.com');
    expect([...options.sections]).toEqual(['passkeys', 'sessions']);
    expect(options.compact).toBe(true);
    expect(embedQuery('http://127.0.0.1:4500', options)).toBe(
      'host=http%3A%2F%2F127.0.0.1%3A4500&lang=de&login_hint=alice%40example.com&sections=passkeys%2Csessions&compact=1',
    );
  });

  it('drops what it does not know: other languages, non-addresses, unknown sections', () => {
    const options = parseEmbedOptions({ lang: 'fr', login_hint: '<script>', sections: 'all' });
    expect(options).toMatchObject({ lang: null, loginHint: null, compact: false });
    expect([...options.sections]).toEqual([...EMBED_SECTIONS]);
    expect(localeForEmbed('EN')).toBeNull();
    expect(parseEmbedOptions({ login_hint: ['a@b.c'] }).loginHint).toBeNull();
  });
});
