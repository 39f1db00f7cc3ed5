import 'server-only';
import { getEnv } from '@/lib/env';
import { ApiError } from '@/lib/http/errors';
import { managementCall } from '@/lib/management/client';
import { classifyWriteFailure } from '@/lib/management/errors';
import { notifyChange } from '@/lib/notifications/notify';
import { findOwnMethod, listMethods, loadSnapshot } from './get-factors';
import { mapFactor, methodLabel, toPolicyState } from './map-factors';
import type { Factor } from './types';

// A password has no name of its own, and recovery codes are not a device anyone tells apart.
const NOT_RENAMABLE = new Set(['password', 'recovery-code', 'email-verification']);

/**
 * Renames one of the user's own methods. No lock and no re-authentication: a name changes what
 * the page says, not who can sign in.
 */
export async function renameFactor(
  userId: string,
  factorId: string,
  name: string,
): Promise<Factor> {
  const snapshot = await loadSnapshot(userId);
  const own = findOwnMethod(snapshot, factorId);
  if (NOT_RENAMABLE.has(own.type)) {
    throw new ApiError(409, 'not_renamable', 'This sign-in method can’t be renamed.');
  }
  // own.id, not the caller's string: only ids Auth0 listed for this user reach the API.
  let stored: string;
  try {
    const updated = await managementCall(
      (mgmt, options) => mgmt.users.authenticationMethods.update(userId, own.id, { name }, options),
      { write: true },
    );
    stored = updated.name ?? name;
  } catch (error) {
    if (classifyWriteFailure(error) === 'not_done' || !(await nameIsStored(userId, own.id, name)))
      throw error;
    stored = name;
  }
  await notifyChange({
    kind: 'method_renamed',
    userId,
    details: { name: stored, oldName: methodLabel(own) },
  });
  const factor = mapFactor({ ...own, name: stored }, toPolicyState(snapshot), getEnv().policy);
  if (!factor) throw new ApiError(409, 'not_renamable', 'This sign-in method can’t be renamed.');
  return factor;
}

/** After a rename whose answer was lost: did the new name arrive anyway? */
async function nameIsStored(userId: string, methodId: string, name: string): Promise<boolean> {
  try {
    return (await listMethods(userId)).some((m) => m.id === methodId && m.name === name);
  } catch {
    return false;
  }
}
