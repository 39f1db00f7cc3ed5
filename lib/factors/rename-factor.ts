import 'server-only';
import type { Management } from 'auth0';
import { ApiError } from '@/lib/core/errors';
import { getEnv } from '@/lib/env';
import { managementCall } from '@/lib/management/client';
import { classifyWriteFailure, type WriteFailure } from '@/lib/management/errors';
import { notifyChange } from '@/lib/notifications/notify';
import { RenameRefusedError, renamePasskey } from '@/lib/passkeys/my-account';
import type { Account } from './account';
import { findOwnMethod, listMethods, loadSnapshot } from './get-factors';
import { mapFactor, methodLabel, toPolicyState } from './map-factors';
import { recordOf } from './record-of';
import type { Factor } from './types';
import { assertUniqueName } from './unique-name';

// A password has no name of its own, and recovery codes are not a device anyone tells apart.
type Method = Management.UserAuthenticationMethod;

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
    stored = await saveName(userId, own, name);
  } catch (error) {
    const failure =
      own.type === 'passkey' ? myAccountWriteFailure(error) : classifyWriteFailure(error);
    if (failure === 'not_done' || !(await nameIsStored(userId, own.id, name))) {
      // Without an answer Auth0 may still save the name after our read: say so, never "not done".
      throw failure === 'in_flight' ? renameUnconfirmed() : refusal(error);
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

/**
 * A passkey through the My Account API, everything else through the Management API: the
 * Management API's PATCH documents no passkey answer (its `type` enum has none), My Account's
 * does. Whether Auth0 renames a passkey through the Management API anyway is the contract
 * question Q3; through My Account, Q13.
 */
async function saveName(userId: string, own: Method, name: string): Promise<string> {
  if (own.type === 'passkey') {
    await renamePasskey(userId, own.id, name);
    return name;
  }
  const updated = await managementCall(
    (mgmt, options) => mgmt.users.authenticationMethods.update(userId, own.id, { name }, options),
    { write: true },
  );
  return updated.name ?? name;
}

/** As classifyWriteFailure, for the My Account call: a refusal saved nothing; else maybe. */
function myAccountWriteFailure(error: unknown): WriteFailure {
  return error instanceof RenameRefusedError || error instanceof ApiError
    ? 'not_done'
    : 'in_flight';
}

/** A refusal as the person sees it (Management errors are mapped by withRoute). */
function refusal(error: unknown): unknown {
  if (!(error instanceof RenameRefusedError)) return error;
  return new ApiError(
    502,
    'upstream_error',
    'Auth0 did not accept the new name, so the passkey keeps its old one. Please try again.',
  );
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
