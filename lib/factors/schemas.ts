import { z } from 'zod';

/**
 * A name for a passkey or security key. One schema for the rename form, the rename handler and
 * the add-passkey naming form, so they can never disagree.
 */
export const factorNameSchema = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(64, 'Use 64 characters or fewer.');

export const renameFactorSchema = z.object({ name: factorNameSchema });
export type RenameFactorInput = z.infer<typeof renameFactorSchema>;

function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * `[id]` of /api/factors/[id]. Auth0 ids contain `|` (`passkey|dev_…`), which clients send
 * percent-encoded; decoding here keeps the lookup exact whether or not Next already decoded it
 * (Auth0 ids never contain `%`). The id is only ever compared with the user's own methods.
 */
export const factorIdParamsSchema = z.object({
  id: z
    .string()
    .transform(decodeOnce)
    .pipe(z.string().min(1, 'Missing id.').max(256, 'That id is too long.')),
});
