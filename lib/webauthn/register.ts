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
import type { SessionUser } from '@/lib/session';
import { type AddKind, sealChallenge } from './challenge-cookie';
import { webauthnConfig } from './config';
import { buildRegistrationOptions, limitError, PASSKEY_LIMIT } from './options';
import { getUsedChallenges } from './used-challenges';
import { verifyAndBuildMethod } from './verify';

// Glue between the pure WebAuthn steps and Auth0. The route handlers stay thin and the pure
// steps stay testable without Next or a tenant.

export const alreadyRegistered = () =>
  new ApiError(409, 'already_registered', 'This authenticator is already registered.');

/** Creation options for the browser, and the sealed challenge cookie that goes with them. */
export async function beginRegistration(
  user: SessionUser,
  kind: AddKind,
): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; cookie: string }> {
  const config = webauthnConfig();
  const methods = await listMethods(user.userId);
  const { options, state } = await buildRegistrationOptions({
    kind,
    user,
    methods,
    rp: { rpId: config.rpId, rpName: config.rpName },
    userHandleKey: config.userHandleKey,
  });
  return { options, cookie: sealChallenge(state, config.cookieKey) };
}

function upstreamMessage(error: ManagementError): string {
  const body = error.body;
  if (typeof body === 'object' && body !== null && 'message' in body) return String(body.message);
  return '';
}

type FinishInput = {
  user: SessionUser;
  response: RegistrationResponseJSON;
  name?: string | undefined;
  cookie: string | undefined;
  userAgent: string | null;
  requestId: string;
};

/**
 * Verifies the ceremony, refuses duplicates and the passkey limit, creates the Auth0 method and
 * answers with the list's view of it (null if Auth0 does not list it yet).
 */
export async function finishRegistration(input: FinishInput): Promise<Factor | null> {
  const config = webauthnConfig();
  const verified = await verifyAndBuildMethod({
    response: input.response,
    cookie: input.cookie,
    cookieKey: config.cookieKey,
    sessionUserId: input.user.userId,
    expected: { origin: config.origin, rpId: config.rpId },
    usedChallenges: await getUsedChallenges(config.redisUrl),
    userAgent: input.userAgent,
    name: input.name,
  });

  // The user's own list first, for a friendly answer without a failed write. Auth0's own 409
  // below is what stops a credential id registered to another user.
  const methods = await listMethods(input.user.userId);
  if (methods.some((m) => m.key_id === verified.keyId)) throw alreadyRegistered();
  if (
    verified.kind === 'passkey' &&
    methods.filter((m) => m.type === 'passkey').length >= PASSKEY_LIMIT
  ) {
    throw limitError(verified.kind);
  }

  let createdId: string | undefined;
  try {
    const created = await managementCall((m) =>
      m.users.authenticationMethods.create(input.user.userId, verified.body),
    );
    createdId = created.id;
  } catch (error) {
    if (error instanceof ManagementError && error.statusCode === 409) throw alreadyRegistered();
    if (
      error instanceof ManagementError &&
      error.statusCode === 403 &&
      /limit/i.test(upstreamMessage(error))
    ) {
      throw limitError(verified.kind);
    }
    throw error;
  }
  log('info', 'webauthn_registered', {
    requestId: input.requestId,
    userId: input.user.userId,
    methodId: createdId ?? null,
    kind: verified.kind,
  });

  if (!createdId) return null;
  const { factors } = await getFactors(input.user.userId);
  return factors.find((f) => f.id === createdId) ?? null;
}
