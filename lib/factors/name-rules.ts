// The rule for a passkey's or security key's name, as a plain function so the browser can run
// it without zod (a few hundred bytes); the server's zod schema (schemas.ts) calls the same one.
// Names are shown back to the person, so nothing may disguise or hide what they say.

import { MAX_NAME_LENGTH } from './name-length';

export { MAX_NAME_LENGTH, nameLength } from './name-length';

// Controls, format characters (zero-width space, joiners, bidi marks, tags U+E0000–E007F),
// line and paragraph separators, private use and unassigned code points. Tags are Cf or Cn, but
// named here too: they are the block that smuggles hidden text.
const REFUSED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\u{E0000}-\u{E007F}]/u;
const ZWJ = 0x200d;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI = /^\p{Emoji}$/u;
const MODIFIER = /^\p{Emoji_Modifier}$/u;
const isVs16or15 = (code: number) => code === 0xfe0e || code === 0xfe0f;
const isVariationSelector = (code: number) =>
  (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef);

/** A joiner between two emoji (👩‍💻, 🏳️‍🌈): the one Cf allowed. */
function joinsEmoji(chars: readonly string[], at: number): boolean {
  let before = at - 1;
  // An emoji before the joiner may carry a presentation selector or a skin tone.
  while (before >= 0 && (isVs16or15(cp(chars[before])) || MODIFIER.test(chars[before] ?? ''))) {
    before--;
  }
  return PICTOGRAPHIC.test(chars[before] ?? '') && PICTOGRAPHIC.test(chars[at + 1] ?? '');
}

const cp = (char: string | undefined) => char?.codePointAt(0) ?? 0;

/**
 * The index of the first character the name may not hold, or -1. Joiners between emoji and
 * U+FE0E/U+FE0F after an emoji-capable character (🏳️, ❤️, the keycaps 1️⃣ #️⃣) are allowed;
 * every other variation selector is refused too: alone it only makes a look-alike of a name.
 */
export function refusedCharAt(name: string): number {
  const chars = [...name];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    const code = cp(char);
    if (code === ZWJ) {
      if (joinsEmoji(chars, i)) continue;
      return i;
    }
    if (isVariationSelector(code)) {
      if (isVs16or15(code) && EMOJI.test(chars[i - 1] ?? '')) continue;
      return i;
    }
    if (REFUSED.test(char)) return i;
  }
  return -1;
}

// What renders as nothing: separators, combining marks on their own, and the blank letters of
// Hangul and Braille. A name of only these is refused ("Enter a name you can see.").
const INVISIBLE_CATEGORY = /^[\p{Z}\p{M}]$/u;
const BLANK_LETTERS: ReadonlySet<number> = new Set([0x115f, 0x1160, 0x2800, 0x3164, 0xffa0]);
const isInvisible = (char: string) => BLANK_LETTERS.has(cp(char)) || INVISIBLE_CATEGORY.test(char);

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** NFC, trimmed, and free of anything that could disguise it; emoji and every script are kept. */
export function checkFactorName(raw: unknown): NameCheck {
  if (typeof raw !== 'string') return { ok: false, message: 'Enter a name.' };
  const name = raw.normalize('NFC').trim();
  if (name === '') return { ok: false, message: 'Enter a name.' };
  if (refusedCharAt(name) >= 0) {
    return {
      ok: false,
      message:
        'Use letters, numbers, symbols and emoji only, on one line, without hidden characters.',
    };
  }
  if ([...name].every(isInvisible)) return { ok: false, message: 'Enter a name you can see.' };
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, message: `Use ${MAX_NAME_LENGTH} characters or fewer.` };
  }
  return { ok: true, name };
}

/**
 * What two names are compared by: NFC, trimmed, then case-folded. toLocaleLowerCase('und') is
 * the same in every browser and server (no Turkish dotless i), and the NFC after it recomposes
 * what lower-casing decomposed. "ß" and "ss" stay different: lower-casing is not a full case
 * fold, and "Straße" and "STRASSE" do look different on a card.
 */
export const nameKey = (name: string): string =>
  name.normalize('NFC').trim().toLocaleLowerCase('und').normalize('NFC');

export const duplicateNameMessage = (name: string) =>
  `You already have a sign-in method called “${name}”.`;

/**
 * The message if `name` equals (after nameKey) the name of another of the user's methods, else
 * null. `exceptId` is the method being renamed: keeping its own name is no duplicate.
 */
export function duplicateName(
  name: string,
  methods: readonly { id?: string | undefined; name?: string | undefined }[],
  exceptId?: string,
): string | null {
  const key = nameKey(name);
  const clash = methods.some(
    (m) => m.id !== exceptId && typeof m.name === 'string' && nameKey(m.name) === key,
  );
  return clash ? duplicateNameMessage(name.normalize('NFC').trim()) : null;
}
