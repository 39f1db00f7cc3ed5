import 'server-only';
import { ApiError } from '@/lib/core/errors';
import { getEnv } from '@/lib/env';
import { managementCall } from '@/lib/management/client';
import { classifyWriteFailure } from '@/lib/management/errors';
import { notifyChange } from '@/lib/notifications/notify';
import type { Account } from './account';
import { findOwnMethod, listMethods, loadSnapshot } from './get-factors';
import { mapFactor, methodLabel, toPolicyState } from './map-factors';
import { recordOf } from './record-of';
import type { Factor } from './types';
import { assertUniqueName } from './unique-name';

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
  kept?: Account,
): Promise<Factor> {
  // The methods list (the ownership check) and the write: two calls with a kept account.
  const snapshot = await loadSnapshot(userId, undefined, kept);
  const own = findOwnMethod(snapshot, factorId);
  if (NOT_RENAMABLE.has(own.type)) {
    throw new ApiError(409, 'not_renamable', 'This sign-in method can’t be renamed.');
  }
  // Checked on the list just read (the ownership check's): no extra call.
  assertUniqueName(name, snapshot.methods, own.id);
  // own.id, not the caller's string: only ids Auth0 listed for this user reach the API.
  let stored: string;
  try {
    const updated = await managementCall(
      (mgmt, options) => mgmt.users.authenticationMethods.update(userId, own.id, { name }, options),
      { write: true },
    );
    stored = updated.name ?? name;
  } catch (error) {
    const failure = classifyWriteFailure(error);
    if (failure === 'not_done' || !(await nameIsStored(userId, own.id, name))) {
      // Without an answer Auth0 may still save the name after our read: say so, never "not done".
      throw failure === 'in_flight' ? renameUnconfirmed() : error;
    }
    stored = name;
  }
  await notifyChange({
    kind: 'method_renamed',
    userId,
    details: { name: stored, oldName: methodLabel(own) },
    record: recordOf('methodRenamed', own, stored, methodLabel(own)),
  });
  const factor = mapFactor({ ...own, name: stored }, toPolicyState(snapshot), getEnv().policy);
  if (!factor) throw new ApiError(409, 'not_renamable', 'This sign-in method can’t be renamed.');
  return factor;
}

const renameUnconfirmed = () =>
  new ApiError(
    503,
    'outcome_unknown',
    'Auth0 did not confirm the new name, and it may still be saved. Refresh the page in a moment to see which name it has.',
    { 'retry-after': '5' },
  );

/** After a rename whose answer was lost: did the new name arrive anyway? */
async function nameIsStored(userId: string, methodId: string, name: string): Promise<boolean> {
  try {
    return (await listMethods(userId)).some((m) => m.id === methodId && m.name === name);
  } catch {
    return false;
  }
}
