import 'server-only';
import { ManagementError, ManagementTimeoutError } from 'auth0';
import { ApiError } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { currentContext } from '@/lib/core/request-context';
import { REREAD_RESERVE_MS, WORK_BUDGET_MS, withLock } from '@/lib/locks';
import { LANDING_HORIZON_MS } from '@/lib/locks/timing';
import { type Deadline, deadlineIn, managementCall } from '@/lib/management/client';
import {
  classifyWriteFailure,
  managementErrorToApiError,
  retryAfterSeconds,
} from '@/lib/management/errors';
import { notifyChange } from '@/lib/notifications/notify';
import { ttlStore } from '@/lib/state/ttl-store';
import { assertRevocable, currentKey } from './guards';
import { mapSigningKeys, type SigningKeyView } from './map-keys';

// Rotations and revocations are never retried: a retried rotate could rotate twice and promote a
// key no app has fetched from the JWKS yet (lib/management/client.ts sends writes once). When one
// fails without a clear answer, a fresh read of the keys says whether it happened.

// Serialises Keyward's own rotations and revocations (two admins, a double click), so
// rotate-and-revoke always revokes the key that was current just before its own rotation.
const SIGNING_KEYS_LOCK = 'signing-keys';

/**
 * Auth0 allows 5 rotations a day. Rotations asked for within this window of one another (a double
 * click, two admins, a retry after a lost answer) collapse into the first one.
 */
export const ROTATION_WINDOW_MS = 60_000;
const ROTATION_MARK = 'signing-keys:rotation';

/** Tells the acting admin (the mail goes to the signed-in admin's address). */
function notifyAdmin(kind: 'signing_key_rotated' | 'signing_key_revoked', kid?: string) {
  const userId = currentContext()?.userId ?? 'unknown';
  return notifyChange({ kind, userId, details: kid ? { kid } : {} });
}

export type KeysResult = {
  /** The table after the change, or null if re-reading it failed (the change itself succeeded). */
  keys: SigningKeyView[] | null;
  /** True when this request joined a rotation made moments before instead of rotating again. */
  collapsed?: boolean;
  /** With `collapsed`: seconds until a rotation may be asked for again. */
  retryAfterSeconds?: number;
};

export async function listKeys(deadline?: Deadline): Promise<SigningKeyView[]> {
  return mapSigningKeys(
    await managementCall((mgmt, options) => mgmt.keys.signing.list(options), { deadline }),
  );
}

/** After a change, a failed re-read must not turn the answer into an error. */
async function listKeysAfterChange(deadline?: Deadline): Promise<SigningKeyView[] | null> {
  try {
    return await listKeys(deadline);
  } catch (error) {
    log('warn', 'signing_keys_reread_failed', {
      error: error instanceof Error ? error.name : 'unknown',
    });
    return null;
  }
}

/**
 * Auth0 allows 5 rotations a day. A 429 that resets within a minute is the tenant's passing
 * request limit, answered like any other (503, try again in a few seconds); a later reset is that
 * daily quota, and we say so. Either way the answer carries Retry-After.
 */
function rotateError(error: unknown): unknown {
  if (!(error instanceof ManagementError) || error.statusCode !== 429) return error;
  const seconds = retryAfterSeconds(error);
  if (seconds <= 60) return managementErrorToApiError(error) ?? error;
  return new ApiError(
    429,
    'rotation_limit',
    'Auth0 refused the rotation: it allows 5 signing-key rotations a day, and this tenant has reached that limit. The keys were not changed. Please try again later.',
    { 'retry-after': String(seconds) },
  );
}

/**
 * Auth0's refusal to revoke a key that is not the previously used one. Its status is the contract
 * question Q4: the revoke call documents only 403 and 404 for refusals, a tenant may answer 400 or
 * 409. A 403 about a scope is the grant's problem, not the key's, and is not one of these.
 */
function isStateRefusal(error: unknown): boolean {
  if (!(error instanceof ManagementError)) return false;
  if (error.statusCode === 400 || error.statusCode === 409) return true;
  if (error.statusCode !== 403) return false;
  const body = error.body as { errorCode?: unknown; message?: unknown } | undefined;
  return !/scope/i.test(`${String(body?.errorCode ?? '')} ${String(body?.message ?? '')}`);
}

function revokeError(error: unknown): unknown {
  if (error instanceof ManagementError && error.statusCode === 404) {
    return new ApiError(
      404,
      'not_found',
      'Auth0 no longer has that signing key. The list has been refreshed.',
    );
  }
  if (isStateRefusal(error)) {
    // The key changed state between our read and Auth0's check (someone rotated or revoked).
    return new ApiError(
      409,
      'key_in_use',
      'Auth0 refused to revoke that key; it is no longer a previously used key. The list has been refreshed.',
    );
  }
  return error;
}

const unconfirmed = (what: string) =>
  new ApiError(
    503,
    'outcome_unknown',
    `Auth0 did not confirm the ${what}, and it may still happen. Check the table again in a minute before trying again.`,
    { 'retry-after': '60' },
  );

/**
 * Runs one signing-key write. If its answer is lost, `happened` (a fresh read) decides: done →
 * as if it had answered; not done → its error; still unknown → 503 `outcome_unknown`.
 */
async function writeOnce(
  write: (deadline: Deadline) => Promise<unknown>,
  happened: (keys: SigningKeyView[]) => boolean,
  what: string,
  deadline: Deadline,
): Promise<void> {
  try {
    await write({ at: deadline.at - REREAD_RESERVE_MS });
  } catch (error) {
    const failure = classifyWriteFailure(error);
    if (failure === 'not_done') throw error;
    const keys = await listKeysAfterChange(deadline);
    if (keys && happened(keys)) {
      log('info', 'signing_key_change_confirmed_late', { what });
      return;
    }
    if (keys && failure === 'check') throw error;
    throw unconfirmed(what);
  }
}

async function rotateOnce(deadline: Deadline, before: SigningKeyView): Promise<void> {
  try {
    await writeOnce(
      (d) =>
        managementCall((mgmt, options) => mgmt.keys.signing.rotate(options), {
          write: true,
          deadline: d,
        }),
      (keys) => currentKey(keys).kid !== before.kid,
      'rotation',
      deadline,
    );
  } catch (error) {
    throw rotateError(error);
  }
}

// A revocation is written ahead, as removals are (lib/factors/pending-removals.ts): the intent is
// recorded before the revoke is sent, and kept while a revoke whose answer was lost may still
// land, so no later request sends it again or reads "not revoked" as "not done".
const revokeIntent = (kid: string) => `signing-keys:revoking:${kid}`;
const INTENT_MS = WORK_BUDGET_MS + LANDING_HORIZON_MS;

const isRevoked = (keys: readonly SigningKeyView[], kid: string) =>
  keys.some((k) => k.kid === kid && k.state === 'revoked');

const clearIntent = (kid: string) =>
  ttlStore()
    .delete(revokeIntent(kid))
    .catch(() => {
      log('warn', 'revoke_intent_not_cleared', { kid });
    });

/**
 * Before a revoke of `kid` is decided on `keys` (a fresh read): an earlier revoke of it that may
 * still land answers 503 `outcome_unknown` again, until the read shows it revoked (then the
 * intent is settled and the guard says "already revoked") or the intent expires.
 */
async function assertNoUnsettledRevoke(keys: readonly SigningKeyView[], kid: string) {
  if (!(await ttlStore().get(revokeIntent(kid)))) return;
  if (!isRevoked(keys, kid)) throw unconfirmed('revocation');
  await clearIntent(kid);
}

async function revokeOnce(deadline: Deadline, kid: string): Promise<void> {
  // Written ahead: if the intent cannot be recorded, the revoke is never sent (503).
  await ttlStore().set(revokeIntent(kid), String(Date.now()), INTENT_MS);
  let settled = true;
  try {
    await writeOnce(
      (d) =>
        managementCall((mgmt, options) => mgmt.keys.signing.revoke(kid, options), {
          write: true,
          deadline: d,
        }),
      (keys) => isRevoked(keys, kid),
      'revocation',
      deadline,
    );
  } catch (error) {
    // It may still land: the intent stays until a read shows it or its time runs out.
    if (error instanceof ApiError && error.code === 'outcome_unknown') settled = false;
    throw revokeError(error);
  } finally {
    if (settled) await clearIntent(kid);
  }
}

/**
 * Rotates once per window. The mark (the current and next kid at the time) is written before
 * Auth0 is asked and kept unless Auth0 clearly refused, so neither a concurrent request nor a
 * retry after a lost answer rotates a second time: while the current key is still one of the two
 * the marked rotation moved between, the request joins it. Keys changed some other way since (a
 * reset tenant, another rotation) do not hold a new rotation back. When joined, says how long the
 * window still runs.
 */
type Joined = { joined: true; retryAfterSeconds: number };

/** The mark: the two kids and when the window ends (an older mark is the bare kid list). */
function readMark(mark: string): { kids: string[]; until: number | null } {
  const parsed: unknown = JSON.parse(mark);
  if (Array.isArray(parsed)) return { kids: parsed.map(String), until: null };
  if (typeof parsed !== 'object' || parsed === null) return { kids: [], until: null };
  return {
    kids: 'kids' in parsed && Array.isArray(parsed.kids) ? parsed.kids.map(String) : [],
    until: 'until' in parsed && typeof parsed.until === 'number' ? parsed.until : null,
  };
}

async function rotateInWindow(deadline: Deadline): Promise<SigningKeyView[] | Joined> {
  const store = ttlStore();
  const before = await listKeys(deadline);
  const current = currentKey(before);
  const mark = await store.get(ROTATION_MARK);
  if (mark) {
    const { kids, until } = readMark(mark);
    if (kids.includes(current.kid)) {
      const left = until === null ? ROTATION_WINDOW_MS : until - Date.now();
      return { joined: true, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
    }
  }
  const next = before.find((k) => k.state === 'next')?.kid;
  await store.set(
    ROTATION_MARK,
    JSON.stringify({ kids: [current.kid, next], until: Date.now() + ROTATION_WINDOW_MS }),
    ROTATION_WINDOW_MS,
  );
  try {
    await rotateOnce(deadline, current);
  } catch (error) {
    // Keep the mark while the rotation may still land; otherwise a retry may rotate.
    if (!(error instanceof ApiError && error.code === 'outcome_unknown')) {
      await store.delete(ROTATION_MARK);
    }
    throw error;
  }
  return before;
}

/** Rotates: next → current, current → previously used, and Auth0 creates a new next key. */
export async function rotate(): Promise<KeysResult> {
  return withLock(SIGNING_KEYS_LOCK, async () => {
    const deadline = deadlineIn(WORK_BUDGET_MS);
    const rotated = await rotateInWindow(deadline);
    if ('joined' in rotated) {
      const { retryAfterSeconds } = rotated;
      return { keys: await listKeysAfterChange(deadline), collapsed: true, retryAfterSeconds };
    }
    await notifyAdmin('signing_key_rotated');
    return { keys: await listKeysAfterChange(deadline) };
  });
}

/** Revokes a previously used key. The guard runs on a fresh read, before Auth0 is asked. */
export async function revoke(kid: string): Promise<KeysResult> {
  return withLock(SIGNING_KEYS_LOCK, async () => {
    const deadline = deadlineIn(WORK_BUDGET_MS);
    const keys = await listKeys(deadline);
    await assertNoUnsettledRevoke(keys, kid);
    assertRevocable(keys, kid);
    await revokeOnce(deadline, kid);
    await notifyAdmin('signing_key_revoked', kid);
    return { keys: await listKeysAfterChange(deadline) };
  });
}

/** Why the revoke failed, in a few words for the person at the page. */
function revokeFailureReason(error: unknown): string {
  if (error instanceof ApiError) return error.message.replace(/\.$/, '');
  if (error instanceof ManagementTimeoutError) return 'Auth0 did not answer in time';
  if (error instanceof ManagementError && error.statusCode === 429)
    return 'Auth0 rate-limited the request';
  if (error instanceof ManagementError)
    return `Auth0 answered with status ${error.statusCode ?? 'unknown'}`;
  return 'an unexpected error';
}

/**
 * Rotate, then revoke the key that was current before, under one lock. If the rotation worked
 * but the revoke did not, the answer says exactly that (502 `revoke_failed_after_rotate`, or 503
 * `revoke_unconfirmed_after_rotate` when its outcome is unknown); the
 * client re-reads the table, which then shows the new current key and the old one still previous.
 */
export async function rotateAndRevoke(): Promise<KeysResult & { revokedKid: string | null }> {
  return withLock(SIGNING_KEYS_LOCK, async () => {
    const deadline = deadlineIn(WORK_BUDGET_MS);
    const before = await rotateInWindow(deadline);
    if ('joined' in before) {
      // Nothing was rotated, so nothing is revoked: the key current now is the one the joined
      // rotation made, and revoking the one before it is a separate, deliberate Revoke.
      return {
        keys: await listKeysAfterChange(deadline),
        collapsed: true,
        retryAfterSeconds: before.retryAfterSeconds,
        revokedKid: null,
      };
    }
    await notifyAdmin('signing_key_rotated');
    const wasCurrent = currentKey(before);
    try {
      await revokeOnce(deadline, wasCurrent.kid);
    } catch (error) {
      log('warn', 'revoke_failed_after_rotate', {
        kid: wasCurrent.kid,
        error: error instanceof Error ? error.name : 'unknown',
      });
      // A revoke whose answer was lost may still land: say so rather than "failed".
      if (error instanceof ApiError && error.code === 'outcome_unknown') {
        throw new ApiError(
          503,
          'revoke_unconfirmed_after_rotate',
          'The key was rotated, but Auth0 did not confirm revoking the previous key, and it may still happen. Check the table again in a minute before revoking it.',
          { 'retry-after': '60' },
        );
      }
      throw new ApiError(
        502,
        'revoke_failed_after_rotate',
        `The key was rotated, but revoking the previous key failed: ${revokeFailureReason(error)}. Tokens signed with it still verify. Revoke it from the table.`,
      );
    }
    await notifyAdmin('signing_key_revoked', wasCurrent.kid);
    return { keys: await listKeysAfterChange(deadline), revokedKid: wasCurrent.kid };
  });
}
