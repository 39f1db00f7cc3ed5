import 'server-only';
import { createHash } from 'node:crypto';
import { ApiError } from '@/lib/core/errors';
import { duplicateName, duplicateNameMessage, nameKey } from './name-rules';

/**
 * 409 if `name` is already the name of another of the user's methods (compared as nameKey does),
 * so two cards, and their Remove buttons, never read the same. Pure: the caller passes the
 * methods it has already read, so the check costs no Management API call.
 */
export function assertUniqueName(
  name: string,
  methods: readonly { id?: string | undefined; name?: string | undefined }[],
  exceptId?: string,
): void {
  const message = duplicateName(name, methods, exceptId);
  if (message) throw new ApiError(409, 'name_taken', message);
}

// For adds, the methods are read when the ceremony starts (its options need them) and the name
// arrives when it ends. The ceremony's sealed cookie carries the names in between, as short
// digests of their keys so that twenty names still fit a cookie. Renames made during the
// ceremony (at most 5 minutes) are not seen: names are cosmetic, and the form avoids the names
// on the page anyway.
const digest = (name: string) =>
  createHash('sha256').update(nameKey(name)).digest('base64url').slice(0, 12);

/** The digests of the user's method names, for the ceremony state. */
export function takenNameDigests(methods: readonly { name?: string | undefined }[]): string[] {
  return methods.flatMap((m) => (typeof m.name === 'string' ? [digest(m.name)] : [])).slice(0, 100);
}

/** 409 if `name` is among the names the ceremony started with. */
export function assertNameFree(name: string, taken: readonly string[]): void {
  if (taken.includes(digest(name))) {
    throw new ApiError(409, 'name_taken', duplicateNameMessage(name.normalize('NFC').trim()));
  }
}
