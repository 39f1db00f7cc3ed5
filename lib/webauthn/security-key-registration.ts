import 'server-only';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { ManagementError } from 'auth0';
import { ApiError } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { confirmedFactor, factorsAfterAdd, listMethods } from '@/lib/factors/get-factors';
import { recordKeyDetails } from '@/lib/factors/key-details';
import type { Factor, FactorsView } from '@/lib/factors/types';
import { rememberUnconfirmedAdd } from '@/lib/factors/unconfirmed-adds';
import { managementCall } from '@/lib/management/client';
import { classifyWriteFailure } from '@/lib/management/errors';
import { notifyChange } from '@/lib/notifications/notify';
import type { SessionUser } from '@/lib/session';
import type { ChallengeState } from './challenge-cookie';
import { webauthnConfig } from './config';
import { buildSecurityKeyOptions } from './options';
import { getUsedChallenges } from './used-challenges';
import { verifySecurityKey } from './verify';

// Glue between the pure WebAuthn steps and Auth0's Management API, for security keys. The route
// handlers stay thin and the pure steps stay testable without Next or a tenant.

const UNCONFIRMED = {
  passkey:
    'Auth0 did not confirm that the passkey was saved, and it may still appear. Refresh the page in a moment before adding it again.',
  'security key':
    'Auth0 did not confirm that the security key was saved, and it may still appear. Refresh the page in a moment before adding it again.',
} as const;

/** A new passkey or security key Auth0 neither confirmed nor listed: it may still appear. */
export const addUnconfirmed = (what: keyof typeof UNCONFIRMED) =>
  new ApiError(503, 'outcome_unknown', UNCONFIRMED[what], { 'retry-after': '5' });

export const alreadyRegistered = () =>
  new ApiError(409, 'already_registered', 'This authenticator is already registered.');

/** Creation options for the browser, and the ceremony state the options route seals. */
export async function beginSecurityKey(
  user: SessionUser,
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; state: ChallengeState }> {
  const config = webauthnConfig();
  return buildSecurityKeyOptions({
    user,
    methods: await listMethods(user.userId),
    rp: { rpId: config.rpId, rpName: config.rpName },
    userHandleKey: config.userHandleKey,
  });
}

/** What a route hands over to finish a ceremony; the passkey flow (lib/passkeys) takes the same. */
export type FinishInput = {
  user: SessionUser;
  response: RegistrationResponseJSON;
  name?: string | undefined;
  cookie: string | undefined;
  userAgent: string | null;
  requestId: string;
};

/**
 * Verifies the ceremony, refuses duplicates, creates the Auth0 method and answers with the
 * list's view of it (null if Auth0 does not list it yet).
 */
export async function finishSecurityKey(
  input: FinishInput,
): Promise<{ factor: Factor | null; view: FactorsView | null }> {
  const config = webauthnConfig();
  const verified = await verifySecurityKey({
    response: input.response,
    cookie: input.cookie,
    cookieKey: config.cookieKey,
    sessionUserId: input.user.userId,
    expected: { origin: config.origin, rpId: config.rpId },
    usedChallenges: getUsedChallenges(),
    userAgent: input.userAgent,
    name: input.name,
  });

  let createdId: string | undefined;
  try {
    const created = await managementCall(
      (m, options) =>
        m.users.authenticationMethods.create(input.user.userId, verified.body, options),
      { write: true },
    );
    createdId = created.id;
  } catch (error) {
    // Auth0's 409 covers the user's own keys and a credential id registered to anyone else.
    if (error instanceof ManagementError && error.statusCode === 409) throw alreadyRegistered();
    // The answer was lost: the key is stored if Auth0 lists its credential id now.
    const failure = classifyWriteFailure(error);
    if (failure === 'not_done') throw error;
    const found = await findByKeyId(input.user.userId, verified.keyId);
    // Auth0 answered with a server error and a read shows no key: it was not stored.
    if (found === null && failure === 'check') throw error;
    // Without an answer (or a read) Auth0 may still store it: say so, never "not added", and
    // mail once a later read shows it.
    if (!found) {
      // Kept by credential id, so the card has them whenever Auth0 lists the key.
      await recordKeyDetails(input.user.userId, verified.keyId, verified.details);
      await rememberUnconfirmedAdd(input.user.userId, {
        keyId: verified.keyId,
        kind: 'security key',
        name: verified.body.name ?? null,
      });
      throw addUnconfirmed('security key');
    }
    createdId = found;
  }
  // Only now: a 409 may be the user's own key added earlier, whose record this add must not
  // overwrite with this browser's.
  await recordKeyDetails(input.user.userId, verified.keyId, verified.details);
  log('info', 'webauthn_registered', {
    requestId: input.requestId,
    userId: input.user.userId,
    methodId: createdId ?? null,
    kind: 'security-key',
  });

  await notifyChange({
    kind: 'security_key_added',
    userId: input.user.userId,
    details: { name: verified.body.name },
    record: {
      kind: 'methodAdded',
      methodId: createdId ?? null,
      method: { kind: 'security-key', name: verified.body.name },
    },
  });
  if (!createdId) return { factor: null, view: null };
  // The whole list, so the page shows every card's new state without asking again. Auth0
  // confirmed the key, so a failed read answers that success with what is known.
  const view = await factorsAfterAdd(input.user.userId, input.user.account);
  if (!view) {
    return {
      factor: confirmedFactor(createdId, 'security-key', verified.body.name),
      view: null,
    };
  }
  return { factor: view.factors.find((f) => f.id === createdId) ?? null, view };
}

/**
 * The id of the user's method with this credential id, by a fresh read: null when the read shows
 * none, undefined when it fails (then nobody knows).
 */
export async function findByKeyId(
  userId: string,
  keyId: string,
): Promise<string | null | undefined> {
  try {
    return (await listMethods(userId)).find((m) => m.key_id === keyId)?.id ?? null;
  } catch {
    return undefined;
  }
}
