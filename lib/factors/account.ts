import 'server-only';
import { log } from '@/lib/core/log';
import { currentContext, runWithContext } from '@/lib/core/request-context';
import { type Deadline, managementCall } from '@/lib/management/client';
import { arrayOf, isBoolean, objectOf } from '@/lib/shapes/check';
import { toIdentities } from './map-factors';
import { type Identity, isIdentity } from './types';

// The user's identities and whether they have an email: what the view and the policy need besides
// the methods. They change only when accounts are linked or unlinked, which Keyward never does,
// so they are read once at sign-in and kept with the (server-side) session: a warm /security view
// then costs one Management API call, the methods list, instead of two. Removals don't use the
// kept copy: the policy reads the user fresh inside the lock (revoke-factor.ts).

export type Account = { identities: Identity[]; hasEmail: boolean };

/** Where the account lives in nextjs-auth0's session data. */
export const SESSION_ACCOUNT_KEY = 'account';

const isAccount = objectOf({ identities: arrayOf(isIdentity), hasEmail: isBoolean });

/** The account kept with a session, if the session has a well-formed one. */
export function accountFromSession(value: unknown): Account | undefined {
  return isAccount(value) ? { identities: value.identities, hasEmail: value.hasEmail } : undefined;
}

/** One user read: identities and email. */
export async function readAccount(userId: string, deadline?: Deadline): Promise<Account> {
  const user = await managementCall(
    (mgmt, options) =>
      mgmt.users.get(userId, { fields: 'user_id,email,identities', include_fields: true }, options),
    { deadline },
  );
  return { identities: toIdentities(user.identities), hasEmail: Boolean(user.email) };
}

/**
 * For nextjs-auth0's beforeSessionSaved: a session that carries no account yet (a sign-in, or a
 * re-authentication, which starts a new session) gets one. Token refreshes keep the one they
 * have. If Auth0 can't answer now, the sign-in still succeeds; views then read the user
 * themselves (two calls) until the next sign-in. The read is charged to the person signing in
 * (the callback runs outside any route's context): sign-ins take from their share of the
 * Management budget like their page loads do, so signing in over and over starves nobody else.
 */
export async function accountForSession(
  userId: string,
  kept: unknown,
): Promise<Account | undefined> {
  const account = accountFromSession(kept);
  if (account) return account;
  try {
    return await runWithContext({ ...currentContext(), userId }, () => readAccount(userId));
  } catch (error) {
    log('warn', 'session_account_not_read', {
      error: error instanceof Error ? error.name : typeof error,
    });
    return undefined;
  }
}
