// PATCH /api/factors/[id] – renames one of the user's sign-in methods
// DELETE /api/factors/[id] – revokes one of the user's sign-in methods, unless it would lock them out
//   (200 removed, with the list as it is now; 202 not yet confirmed by Auth0)
import { type AcceptedCredentials, groupPasskeys } from '@/lib/factors/accepted-credentials';
import { viewOf } from '@/lib/factors/get-factors';
import { renameFactor } from '@/lib/factors/rename-factor';
import { PENDING_MESSAGE, revokeFactor } from '@/lib/factors/revoke-factor';
import { factorIdParamsSchema, renameFactorSchema } from '@/lib/factors/schemas';
import type { FactorsView } from '@/lib/factors/types';
import { withRoute } from '@/lib/http/route';

export const PATCH = withRoute(
  { params: factorIdParamsSchema, body: renameFactorSchema, limit: 'change' },
  async ({ user, params, body }) => {
    const factor = await renameFactor(user.userId, params.id, body.name, user.account);
    return Response.json({ factor });
  },
);

// Removing a way to sign in needs a recent sign-in; renaming does not.
export const DELETE = withRoute(
  { params: factorIdParamsSchema, recentAuth: true, limit: 'change' },
  async ({ user, params }) => {
    let removed: { view: FactorsView; signal: AcceptedCredentials } | null = null;
    const result = await revokeFactor(user.userId, params.id, (remaining, before) => {
      removed = { view: viewOf(remaining), signal: groupPasskeys(before.methods) };
    });
    // 202: Auth0 has the request but has not confirmed it; the page says so instead of "removed".
    if (result === 'pending')
      return Response.json({ pending: true, message: PENDING_MESSAGE }, { status: 202 });
    // From the read the removal was judged on: the list as it is now, so the page needs no
    // re-fetch, and what the WebAuthn Signal API needs to hide the passkey in password managers
    // (credential ids and user handles; only ever to their owner, never in the list itself).
    return Response.json({ removed: true, ...(removed ?? {}) });
  },
);
