import { describe, expect, it } from 'vitest';
import {
  checkFactorName,
  duplicateName,
  MAX_NAME_LENGTH,
  nameKey,
  refusedCharAt,
} from './name-rules';
import { renameFactorSchema } from './schemas';

// Every code point once, with the categories the rule refuses, as Unicode (the engine's tables)
// assigns them: the full lists, not samples.
const CATEGORY = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}]/u;
const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
const isTag = (c: number) => c >= 0xe0000 && c <= 0xe007f;

describe('the refused characters, every code point', () => {
  it('refuses every Cc, Cf, Zl, Zp, Co, Cn and tag code point, alone and inside a name', () => {
    let refused = 0;
    const missed: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (isSurrogate(c)) continue; // not characters: no valid string holds one alone
      const char = String.fromCodePoint(c);
      if (!CATEGORY.test(char) && !isTag(c)) continue;
      refused++;
      // Inside a name (between letters: trim cannot take it away) and alone (where trim may
      // leave nothing: still refused).
      if (refusedCharAt(`a${char}b`) !== 1 || checkFactorName(`a${char}b`).ok) {
        missed.push(c.toString(16));
      }
      if (checkFactorName(char).ok) missed.push(`alone ${c.toString(16)}`);
    }
    expect(missed).toEqual([]);
    // Sanity: the lists are the real ones (some 830,000 unassigned and private-use code points).
    expect(refused).toBeGreaterThan(800_000);
  });

  it('refuses nothing else but the variation selectors and joiners outside emoji', () => {
    const wrongly: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (isSurrogate(c)) continue;
      const char = String.fromCodePoint(c);
      if (CATEGORY.test(char) || isTag(c)) continue;
      const vs = (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef);
      if ((refusedCharAt(`a${char}b`) === 1) !== vs) wrongly.push(c.toString(16));
    }
    expect(wrongly).toEqual([]);
  });
});

describe('checkFactorName', () => {
  it.each([
    ['Desk key', 'Desk key'],
    ['  Desk key  ', 'Desk key'],
    ['🔑 Work laptop', '🔑 Work laptop'],
    ['👩‍💻 Dev box', '👩‍💻 Dev box'], // ZWJ between two emoji
    ['🏳️‍🌈 key', '🏳️‍🌈 key'], // VS16 then ZWJ
    ['👨‍👩‍👧‍👦', '👨‍👩‍👧‍👦'],
    ['👩🏽‍💻 laptop', '👩🏽‍💻 laptop'], // skin tone then ZWJ
    ['❤️‍🔥', '❤️‍🔥'],
    ['1️⃣ key', '1️⃣ key'], // keycap: digit, VS16, U+20E3
    ['#️⃣', '#️⃣'],
    ['©︎ text style', '©︎ text style'], // VS15 after an emoji-capable character
    ['仕事用のキー', '仕事用のキー'],
    ['מפתח עבודה', 'מפתח עבודה'],
    ['Cafe\u0301', 'Café'], // NFC: e + combining acute becomes é
    ['x'.repeat(MAX_NAME_LENGTH), 'x'.repeat(MAX_NAME_LENGTH)],
    ['🔑'.repeat(10), '🔑'.repeat(10)], // 20 UTF-16 units
  ])('keeps %j as %j', (raw, name) => {
    expect(checkFactorName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['Desk key \u202Egnp.exe', 'hidden characters'],
    // Every control that reorders text, one each: marks, embeddings, overrides, isolates.
    ['Desk key \u061Cgnp.exe', 'hidden characters'], // Arabic letter mark
    ['Desk key \u200Egnp.exe', 'hidden characters'], // left-to-right mark
    ['Desk key \u200Fgnp.exe', 'hidden characters'], // right-to-left mark
    ['Desk key \u202Agnp.exe', 'hidden characters'], // left-to-right embedding
    ['Desk key \u202Bgnp.exe', 'hidden characters'], // right-to-left embedding
    ['Desk key \u202Cgnp.exe', 'hidden characters'], // pop directional formatting
    ['Desk key \u202Dgnp.exe', 'hidden characters'], // left-to-right override
    ['Desk key \u2066gnp.exe', 'hidden characters'], // left-to-right isolate
    ['Desk key \u2067gnp.exe', 'hidden characters'], // right-to-left isolate
    ['Desk key \u2068gnp.exe', 'hidden characters'], // first strong isolate
    ['Desk key \u2069gnp.exe', 'hidden characters'], // pop directional isolate
    ['Desk\u200Bkey', 'hidden characters'], // zero-width space
    ['Desk\u200Dkey', 'hidden characters'], // a joiner not between emoji
    ['🔑\u200Dkey', 'hidden characters'],
    ['Desk\uFE0Fkey', 'hidden characters'], // a selector after a letter
    ['Desk\u2028key', 'hidden characters'],
    ['Desk\u2029key', 'hidden characters'],
    ['Desk\uFFF9key', 'hidden characters'],
    ['Desk\u{E0041}key', 'hidden characters'],
    ['🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', 'hidden characters'], // tags refused, flags of England/Scotland/Wales included
    ['Desk\nkey', 'one line'],
    ['\u3164', 'you can see'],
    ['\u2800\u2800', 'you can see'],
    ['\u0301', 'you can see'],
    ['   ', 'Enter a name'],
    ['', 'Enter a name'],
    ['x'.repeat(MAX_NAME_LENGTH + 1), '20 characters or fewer'],
    ['🔑'.repeat(11), '20 characters or fewer'], // 11 code points, 22 UTF-16 units
  ])('refuses %j with a message about %s', (raw, words) => {
    const checked = checkFactorName(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toContain(words);
  });

  it('counts the trimmed NFC form against the limit', () => {
    expect(checkFactorName(`  ${'e\u0301'.repeat(MAX_NAME_LENGTH)}  `).ok).toBe(true);
  });

  it('refuses what is not a string', () => {
    expect(checkFactorName(undefined)).toEqual({ ok: false, message: 'Enter a name.' });
    expect(checkFactorName(42)).toEqual({ ok: false, message: 'Enter a name.' });
  });

  it('is the rule of the server schema too', () => {
    expect(renameFactorSchema.safeParse({ name: ' Cafe\u0301 ' }).data).toEqual({ name: 'Café' });
    const refused = renameFactorSchema.safeParse({ name: 'Desk key \u202Egnp.exe' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('hidden characters');
  });
});

describe('duplicate names', () => {
  const methods = [
    { id: 'a', name: 'Desk Key' },
    { id: 'b', name: 'Caf\u00e9' },
    { id: 'c', name: 'Straße' },
    { id: 'd' }, // a password: no name
  ];
  it.each([
    ['desk key'],
    ['  DESK KEY '],
    ['Cafe\u0301'], // decomposed é equals composed
    ['CAFÉ'],
    ['straße'],
  ])('refuses %j', (name) => {
    expect(duplicateName(name, methods)).toMatch(/^You already have a sign-in method called “/);
  });

  it.each([['Desk Key 2'], ['STRASSE'], ['Cafe']])('allows %j', (name) => {
    // "STRASSE" is not "Straße": lower-casing is no full case fold, and they look different.
    expect(duplicateName(name, methods)).toBeNull();
  });

  it('lets a method keep its own name in another case', () => {
    expect(duplicateName('desk key', methods, 'a')).toBeNull();
  });

  it('compares the same in every locale', () => {
    expect(nameKey('I')).toBe('i');
    expect(nameKey('İ')).toBe(nameKey('i\u0307'));
  });
});
