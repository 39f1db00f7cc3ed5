import 'server-only';
import { Management } from 'auth0';
import { ApiError } from '@/lib/core/errors';
import { managementCall } from '@/lib/management/client';
import { notifyChange } from '@/lib/notifications/notify';

/**
 * A new recovery code through `POST /api/v2/users/{id}/recovery-code-regeneration`: Auth0 removes
 * the old one and answers the new one, which is shown to the person once and never stored by
 * Keyward. A lost answer cannot be settled by a read (the list never shows the code): the old
 * code is then gone too, so the person is told to generate another.
 */
export async function regenerateRecoveryCode(userId: string): Promise<string> {
  const answer = await managementCall(
    (mgmt, options) => mgmt.users.regenerateRecoveryCode(userId, options),
    { write: true },
  ).catch((error: unknown) => {
    // Auth0's 404 here is "Enrollment not found": the code belongs to an MFA enrolment.
    if (error instanceof Management.NotFoundError) throw noSecondFactor();
    throw error;
  });
  const code = answer.recovery_code;
  if (typeof code !== 'string' || code === '') {
    throw new ApiError(503, 'upstream_unavailable', 'Auth0 did not answer with a recovery code.');
  }
  await notifyChange({ kind: 'recovery_code_regenerated', userId });
  return code;
}

const noSecondFactor = () =>
  new ApiError(
    409,
    'no_second_factor',
    'A recovery code is for the second step of a sign-in. Add an authenticator app or a security key first.',
  );
