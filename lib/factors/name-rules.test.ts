import { describe, expect, it } from 'vitest';
import { checkFactorName } from './name-rules';
import { renameFactorSchema } from './schemas';

describe('checkFactorName', () => {
  it.each([
    ['Desk key', 'Desk key'],
    ['  Desk key  ', 'Desk key'],
    ['🔑 Work laptop', '🔑 Work laptop'],
    ['👩‍💻 Dev box', '👩‍💻 Dev box'], // a ZWJ sequence keeps its joiner
    ['🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'], // a flag made of tag characters
    ['仕事用のキー', '仕事用のキー'],
    ['מפתח עבודה', 'מפתח עבודה'], // right-to-left script without any override
    ['مفتاح العمل', 'مفتاح العمل'],
    ['Cafe\u0301', 'Café'], // NFC: e + combining acute becomes é
    ['x'.repeat(64), 'x'.repeat(64)],
    ['🔑'.repeat(64), '🔑'.repeat(64)], // counted in characters, not UTF-16 units
  ])('keeps %j as %j', (raw, name) => {
    expect(checkFactorName(raw)).toEqual({ ok: true, name });
  });

  it.each([
    ['Desk key \u202Egnp.exe', 'text direction'],
    ['\u2066Desk\u2069', 'text direction'],
    ['Desk\u200Fkey', 'text direction'],
    ['Desk\nkey', 'one line'],
    ['Desk\u0007key', 'one line'],
    ['Desk\u0085key', 'one line'],
    ['\u200B\u200C\u200D', 'you can see'],
    ['\u3164', 'you can see'],
    ['\u2800\u2800', 'you can see'],
    ['\u0301', 'you can see'],
    ['\uFE0F', 'you can see'],
    ['   ', 'Enter a name'],
    ['', 'Enter a name'],
    ['x'.repeat(65), '64 characters or fewer'],
  ])('refuses %j with a message about %s', (raw, words) => {
    const checked = checkFactorName(raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toContain(words);
  });

  it('refuses what is not a string', () => {
    expect(checkFactorName(undefined)).toEqual({ ok: false, message: 'Enter a name.' });
    expect(checkFactorName(42)).toEqual({ ok: false, message: 'Enter a name.' });
  });

  it('is the rule of the server schema too', () => {
    expect(renameFactorSchema.safeParse({ name: ' Cafe\u0301 ' }).data).toEqual({ name: 'Café' });
    const refused = renameFactorSchema.safeParse({ name: 'Desk key \u202Egnp.exe' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('text direction');
  });
});
