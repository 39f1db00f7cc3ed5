// The rule for a passkey's or security key's name, as a plain function so the browser can run
// it without zod (a few hundred bytes); the server's zod schema (schemas.ts) calls the same one.
// Names are shown back to the person, so nothing may disguise or hide what they say.

export const MAX_NAME_LENGTH = 64;

// C0, DEL and C1 controls (tabs and line breaks inside a name included).
const CONTROL = /\p{Cc}/u;
// Marks, embeddings, overrides and isolates that reorder text: "Desk key \u202Egnp.exe" would
// render as "Desk key exe.png".
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// What renders as nothing: separators, format characters (zero-width space, joiners, tags),
// combining marks on their own, variation selectors, and the blank letters of Hangul and Braille.
const INVISIBLE_CATEGORY = /^[\p{Z}\p{Cf}\p{M}]$/u;
const BLANK_LETTERS: ReadonlySet<number> = new Set([0x115f, 0x1160, 0x2800, 0x3164, 0xffa0]);

function isInvisible(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    BLANK_LETTERS.has(code) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xe0100 && code <= 0xe01ef) ||
    INVISIBLE_CATEGORY.test(char)
  );
}

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** NFC, trimmed, and free of anything that could disguise it; emoji and every script are kept. */
export function checkFactorName(raw: unknown): NameCheck {
  if (typeof raw !== 'string') return { ok: false, message: 'Enter a name.' };
  const name = raw.normalize('NFC').trim();
  if (name === '') return { ok: false, message: 'Enter a name.' };
  if (CONTROL.test(name)) {
    return { ok: false, message: 'Use letters, numbers and symbols only, on one line.' };
  }
  if (BIDI.test(name)) {
    return { ok: false, message: 'Remove the hidden characters that change the text direction.' };
  }
  if ([...name].every(isInvisible)) return { ok: false, message: 'Enter a name you can see.' };
  if ([...name].length > MAX_NAME_LENGTH) {
    return { ok: false, message: `Use ${MAX_NAME_LENGTH} characters or fewer.` };
  }
  return { ok: true, name };
}
