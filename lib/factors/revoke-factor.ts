import 'server-only';
import { ManagementError } from 'auth0';
import { ApiError, errors } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { getEnv } from '@/lib/env';
import { REREAD_RESERVE_MS, WORK_BUDGET_MS, withUserLock } from '@/lib/locks';
import { type Deadline, deadlineIn, managementCall } from '@/lib/management/client';
import { classifyWriteFailure } from '@/lib/management/errors';
import { notifyChange } from '@/lib/notifications/notify';
import { ALREADY_REMOVED, findOwnMethod, listMethods, loadSnapshot } from './get-factors';
import { forgetKeyDetails } from './key-details';
import { type AuthSnapshot, methodLabel, toPolicyMethod, toPolicyState } from './map-factors';
import { PENDING_HORIZON_MS, pendingRemovals, settlePending } from './pending-removals';
import { evaluateRemoval } from './policy';
import { recordOf } from './record-of';

// Everything under the lock, the SDK's token request included, ends WORK_BUDGET_MS after the lock
// was taken, well inside its TTL (lib/locks/timing.ts), so no request of ours can land after
// another holder has the lock. REREAD_RESERVE_MS of it is kept from the DELETE for the re-read.

export type RevokeResult = 'removed' | 'pending';

export const PENDING_MESSAGE =
  'Auth0 has not confirmed the removal yet. It may still go through in the next minutes; until it is settled, nothing that depends on it can be removed.';

const without = (snapshot: AuthSnapshot, methodId: string): AuthSnapshot => ({
  ...snapshot,
  methods: snapshot.methods.filter((m) => m.id !== methodId),
});

/** Whether the method is gone, by a fresh read; null when even the read fails. */
async function isGone(userId: string, methodId: string, deadline: Deadline) {
  try {
    return !(await listMethods(userId, deadline)).some((m) => m.id === methodId);
  } catch {
    return null;
  }
}

/**
 * Removes one of the user's own methods unless that would lock them out. Auth0 deletes whatever
 * it is asked to, so the guard is ours: the check and the delete run under the per-user lock, on
 * methods re-read from Auth0 inside it, so two parallel removals cannot both pass the check.
 *
 * A DELETE whose outcome is unknown is never reported as failed or done on a guess: a fresh read
 * decides, and while Auth0 may still act on it, it counts as done for every later check.
 */
export async function revokeFactor(
  userId: string,
  factorId: string,
  /**
   * Gets the account as it is after the removal (the in-lock read, less the removed method) and
   * the read itself (`before`), which still holds the removed passkey's credential id.
   */
  onRemoved?: (remaining: AuthSnapshot, before: AuthSnapshot) => void,
): Promise<RevokeResult> {
  return withUserLock(userId, async () => {
    const deadline = deadlineIn(WORK_BUDGET_MS);
    const store = pendingRemovals();
    const snapshot = await loadSnapshot(userId, deadline);
    const pending = await settlePending(store, userId, new Set(snapshot.methods.map((m) => m.id)));
    const own = findOwnMethod(snapshot, factorId);
    const target = toPolicyMethod(own);
    // Types the page never lists (email-verification, unknown) are not ours to remove.
    if (!target) throw errors.notFound(ALREADY_REMOVED);
    if (pending.has(own.id)) return 'pending';

    const remaining = { ...snapshot, methods: snapshot.methods.filter((m) => !pending.has(m.id)) };
    const decision = evaluateRemoval(target, toPolicyState(remaining), getEnv().policy);
    if (!decision.allowed) throw new ApiError(409, decision.code, decision.reason);

    const name = methodLabel(own);
    const record = recordOf('methodRemoved', own, name);
    // Written ahead: if the record cannot be written, the DELETE is never sent (503). Once it is
    // sent, a lost answer, a restart or a dead store cannot hide it from the next removal check.
    await store.add(userId, own.id, Date.now() + WORK_BUDGET_MS + PENDING_HORIZON_MS);
    // The DELETE is settled: drop the record, but never turn the answer into an error over it
    // (a record left behind only counts a method that is gone, until a read settles it).
    const settled = () =>
      store.clear(userId, [own.id]).catch(() => {
        log('warn', 'pending_removal_not_cleared', { userId, factorId: own.id });
      });
    // A removed security key's description (browser, transports) is not kept (never throws).
    const forgetDetails = async () => {
      if (own.type === 'webauthn-roaming' && own.key_id) await forgetKeyDetails(userId, own.key_id);
    };
    try {
      await managementCall(
        (mgmt, options) => mgmt.users.authenticationMethods.delete(userId, own.id, options),
        { write: true, deadline: { at: deadline.at - REREAD_RESERVE_MS } },
      );
    } catch (error) {
      // Removed elsewhere between our read and the delete: the outcome the user wanted.
      if (error instanceof ManagementError && error.statusCode === 404) {
        await settled();
        throw errors.notFound(ALREADY_REMOVED);
      }
      const failure = classifyWriteFailure(error);
      if (failure === 'not_done') {
        await settled();
        throw error;
      }
      const gone = await isGone(userId, own.id, deadline);
      if (gone === true) {
        await settled();
        log('info', 'factor_revoked', { userId, factorId: own.id, kind: target.kind, late: true });
        onRemoved?.(without(snapshot, own.id), snapshot);
        await forgetDetails();
        await notifyChange({ kind: 'method_removed', userId, details: { name }, record });
        return 'removed';
      }
      if (gone === false && failure === 'check') {
        await settled();
        throw error;
      }
      log('warn', 'factor_revoke_pending', { userId, factorId: own.id, failure });
      // Told now, in words that are true whichever way Auth0 settles it: the removal was asked
      // for and not yet confirmed. The record keeps it counted as gone until a read settles it.
      await notifyChange({ kind: 'method_removal_requested', userId, details: { name }, record });
      return 'pending';
    }
    await settled();
    log('info', 'factor_revoked', { userId, factorId: own.id, kind: target.kind });
    onRemoved?.(without(snapshot, own.id), snapshot);
    await forgetDetails();
    await notifyChange({ kind: 'method_removed', userId, details: { name }, record });
    return 'removed';
  });
}
