import 'server-only';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { ManagementError } from 'auth0';
import { getFactors, listMethods } from '@/lib/factors/get-factors';
import type { Factor } from '@/lib/factors/types';
import { ApiError } from '@/lib/http/errors';
import { log } from '@/lib/http/log';
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
export async function finishSecurityKey(input: FinishInput): Promise<Factor | null> {
  const config = webauthnConfig();
  const verified = await verifySecurityKey({
    response: input.response,
    cookie: input.cookie,
    cookieKey: config.cookieKey,
    sessionUserId: input.user.userId,
    expected: { origin: config.origin, rpId: config.rpId },
    usedChallenges: await getUsedChallenges(config.redisUrl),
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
    if (classifyWriteFailure(error) === 'not_done') throw error;
    createdId = await findByKeyId(input.user.userId, verified.keyId);
    if (!createdId) throw error;
  }
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
  });
  if (!createdId) return null;
  const { factors } = await getFactors(input.user.userId);
  return factors.find((f) => f.id === createdId) ?? null;
}

async function findByKeyId(userId: string, keyId: string): Promise<string | undefined> {
  try {
    return (await listMethods(userId)).find((m) => m.key_id === keyId)?.id;
  } catch {
    return undefined;
  }
}
