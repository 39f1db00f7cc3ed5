import 'server-only';
import { ManagementError } from 'auth0';
import { getEnv } from '@/lib/env';
import { ApiError, errors } from '@/lib/http/errors';
import { log } from '@/lib/http/log';
import { withUserLock } from '@/lib/locks';
import { managementCall } from '@/lib/management/client';
import { ALREADY_REMOVED, findOwnMethod, loadSnapshot } from './get-factors';
import { toPolicyMethod, toPolicyState } from './map-factors';
import { evaluateRemoval } from './policy';

/**
 * Removes one of the user's own methods unless that would lock them out. Auth0 deletes whatever
 * it is asked to, so the guard is ours: the check and the delete run under the per-user lock, on
 * methods re-read from Auth0 inside it, so two parallel removals cannot both pass the check.
 */
export async function revokeFactor(userId: string, factorId: string): Promise<void> {
  await withUserLock(userId, async () => {
    const snapshot = await loadSnapshot(userId);
    const own = findOwnMethod(snapshot, factorId);
    const target = toPolicyMethod(own);
    // Types the page never lists (email-verification, unknown) are not ours to remove.
    if (!target) throw errors.notFound(ALREADY_REMOVED);

    const decision = evaluateRemoval(target, toPolicyState(snapshot), getEnv().policy);
    if (!decision.allowed) throw new ApiError(409, decision.code, decision.reason);

    try {
      await managementCall((mgmt) => mgmt.users.authenticationMethods.delete(userId, own.id));
    } catch (error) {
      // Removed elsewhere between our read and the delete: the outcome the user wanted.
      if (error instanceof ManagementError && error.statusCode === 404) {
        throw errors.notFound(ALREADY_REMOVED);
      }
      throw error;
    }
    log('info', 'factor_revoked', { userId, factorId: own.id, kind: target.kind });
  });
}
