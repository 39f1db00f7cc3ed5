import { z } from 'zod';
import { checkFactorName } from './name-rules';

/**
 * A name for a passkey or security key, for the handlers. The forms run the same rule
 * (checkFactorName) without zod, so client and server can never disagree.
 */
export const factorNameSchema = z.unknown().transform((value, ctx) => {
  const checked = checkFactorName(value);
  if (checked.ok) return checked.name;
  ctx.addIssue({ code: 'custom', message: checked.message });
  return z.NEVER;
});

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
