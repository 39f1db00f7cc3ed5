import { MAX_NAME_LENGTH } from '@/lib/factors/name-rules';

/**
 * The suggested name, or the same with the lowest free number ("Security key 2"), so two keys
 * added one after the other never share a name. Compared without case or surrounding spaces, as
 * people read them; kept within the name rule's length.
 */
export function uniqueName(suggested: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.trim().toLocaleLowerCase()));
  const free = (name: string) => !used.has(name.trim().toLocaleLowerCase());
  if (free(suggested)) return suggested;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const chars = [...suggested];
    const base =
      chars.length + suffix.length > MAX_NAME_LENGTH
        ? chars
            .slice(0, MAX_NAME_LENGTH - suffix.length)
            .join('')
            .trimEnd()
        : suggested;
    const candidate = `${base}${suffix}`;
    if (free(candidate)) return candidate;
  }
}
