import 'server-only';
import type { Management } from 'auth0';
import { errors } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { getEnv } from '@/lib/env';
import { type Deadline, managementCall } from '@/lib/management/client';
import { type Account, readAccount } from './account';
import { readKeyDetails } from './key-details';
import { type AuthSnapshot, DEFAULT_NAMES, mapFactors } from './map-factors';
import type { Factor, FactorKind, FactorsView } from './types';
import { settleUnconfirmedAdds } from './unconfirmed-adds';

type Method = Management.UserAuthenticationMethod;

// Auth0 allows 20 passkeys per user, so one page of 100 holds everyone. We read `page.data` and
// ask for another page only when this one is full: the SDK's own iteration (`for await`) always
// spends one more request to discover an empty page, and the free plan allows 2 requests/s.
const PER_PAGE = 100;
const MAX_PAGES = 10;

/** Every method of the user, normally in one request. */
export async function listMethods(userId: string, deadline?: Deadline): Promise<Method[]> {
  const methods: Method[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await managementCall(
      (mgmt, options) =>
        mgmt.users.authenticationMethods.list(
          userId,
          { page, per_page: PER_PAGE, include_totals: true },
          options,
        ),
      { deadline },
    );
    methods.push(...result.data);
    if (result.data.length < PER_PAGE) break;
  }
  return methods;
}

// Only security keys (added through the Management API) can have a record of Keyward's.
const recordedKeyIds = (methods: readonly Method[]) =>
  methods.flatMap((m) => (m.type === 'webauthn-roaming' && m.key_id ? [m.key_id] : []));

/**
 * Everything the view and the policy need: the methods list, and the account kept with the
 * session when there is one (else a user read, in parallel). Removals pass no `kept` account, so
 * the policy judges them on a fresh read.
 */
export async function loadSnapshot(
  userId: string,
  deadline?: Deadline,
  kept?: Account,
): Promise<AuthSnapshot> {
  const [methods, account] = await Promise.all([
    listMethods(userId, deadline),
    kept ?? readAccount(userId, deadline),
  ]);
  // A key added without Auth0's confirmation is mailed about once a read shows it.
  const [, keyDetails] = await Promise.all([
    settleUnconfirmedAdds(userId, methods),
    readKeyDetails(userId, recordedKeyIds(methods)),
  ]);
  return { methods, ...account, keyDetails };
}

/** The security page's data, also served by GET /api/factors: one call with a kept account. */
export async function getFactors(userId: string, kept?: Account): Promise<FactorsView> {
  return viewOf(await loadSnapshot(userId, undefined, kept));
}

/**
 * A key Auth0 confirmed storing, as far as its answer tells, for when the read of the whole list
 * after it fails: the page shows it at once and asks for the list again.
 */
export function confirmedFactor(id: string, kind: FactorKind, name?: string | null): Factor {
  return {
    id,
    kind,
    name: name || DEFAULT_NAMES[kind],
    provider: null,
    device: null,
    synced: null,
    transports: null,
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    // Unknown until the list is read again (the policy needs the whole account).
    removable: false,
    blockedReason: null,
  };
}

/** The list after a confirmed add, or null when reading it fails: the add stands either way. */
export async function factorsAfterAdd(userId: string, kept?: Account): Promise<FactorsView | null> {
  try {
    return await getFactors(userId, kept);
  } catch (error) {
    log('warn', 'factors_reread_failed', {
      userId,
      error: error instanceof Error ? error.name : typeof error,
    });
    return null;
  }
}

export const viewOf = (snapshot: AuthSnapshot): FactorsView =>
  mapFactors({ ...snapshot, policy: getEnv().policy });

export const ALREADY_REMOVED = 'That sign-in method was already removed.';

/**
 * The user's own method with this id. Ids are only ever looked up here, among the methods Auth0
 * listed for the signed-in user, so another user's id (or a made-up one) is a 404 and never
 * reaches the Management API. Both cases read the same, so ids of others don't leak.
 */
export function findOwnMethod(snapshot: AuthSnapshot, id: string): Method {
  const own = snapshot.methods.find((m) => m.id === id);
  if (!own) throw errors.notFound(ALREADY_REMOVED);
  return own;
}
