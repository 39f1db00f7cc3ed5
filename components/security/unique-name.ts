import { MAX_NAME_LENGTH, nameKey } from '@/lib/factors/name-rules';

/** `text` cut to at most `max` UTF-16 units, at a character boundary, with "…" if cut. */
function fitWithin(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}

/**
 * The suggested name, or the same with the lowest free number ("Security key 2"), so two keys
 * added one after the other never share a name. Compared as the server compares them (nameKey:
 * NFC, trimmed, case-folded); kept within the name rule's length.
 */
export function uniqueName(suggested: string, taken: readonly string[]): string {
  const used = new Set(taken.map(nameKey));
  const free = (name: string) => !used.has(nameKey(name));
  const base = fitWithin(suggested.normalize('NFC').trim(), MAX_NAME_LENGTH);
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = `${fitWithin(base, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (free(candidate)) return candidate;
  }
}
