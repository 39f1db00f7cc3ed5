import 'server-only';
import {
  PasskeyEnrollmentChallengeError,
  PasskeyEnrollmentVerifyError,
} from '@auth0/nextjs-auth0/errors';
import type { PasskeyAuthResponse, PasskeyCreationOptionsJSON } from '@auth0/nextjs-auth0/types';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { auth0 } from '@/lib/auth0';
import { ApiError, errors } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { confirmedFactor, factorsAfterAdd, loadSnapshot } from '@/lib/factors/get-factors';
import type { Factor, FactorsView } from '@/lib/factors/types';
import { rememberUnconfirmedAdd } from '@/lib/factors/unconfirmed-adds';
import { takenNameDigests } from '@/lib/factors/unique-name';
import { notifyChange } from '@/lib/notifications/notify';
import type { SessionUser } from '@/lib/session';
import { takeCeremony } from '@/lib/webauthn/ceremony';
import { CHALLENGE_TTL_SECONDS, type ChallengeState } from '@/lib/webauthn/challenge-cookie';
import { webauthnConfig } from '@/lib/webauthn/config';
import {
  addUnconfirmed,
  type FinishInput,
  findByKeyId,
} from '@/lib/webauthn/security-key-registration';
import { getUsedChallenges } from '@/lib/webauthn/used-challenges';
import { withBrowserUserAgent } from './forwarded-user-agent';
import { ensureMyAccountToken, renamePasskey } from './my-account';

// Adding a passkey through Auth0's My Account API: Auth0 picks the challenge, the RP ID and the
// user handle, and verifies the answer, so the passkey works at Universal Login by construction.
// Keyward adds its own checks around it (recent sign-in, the limit, single use) and the name.

/** Auth0's documented limit: "Auth0 has a limit of 20 passkeys per user." */
export const PASSKEY_LIMIT = 20;

export const limitError = () =>
  new ApiError(
    409,
    'passkey_limit',
    `You already have ${PASSKEY_LIMIT} passkeys, the most an account can have. Remove one you no longer use, then add the new one.`,
  );

export const noDatabaseIdentity = () =>
  new ApiError(
    409,
    'passkeys_unavailable',
    'Passkeys can only be added to an account that signs in with an email address here. You sign in through another provider, which keeps your account safe.',
  );

const upstream = (message: string) => new ApiError(502, 'upstream_error', message);

/** nextjs-auth0's passkey errors, in words for the person; Auth0's own text stays in the logs. */
function explain(error: unknown, step: 'start' | 'finish', requestId: string): unknown {
  if (
    !(error instanceof PasskeyEnrollmentChallengeError) &&
    !(error instanceof PasskeyEnrollmentVerifyError)
  ) {
    return error;
  }
  // `code` names the class (passkey_enrollment_…_error); the reason is in `error`.
  log('warn', 'my_account_error', { requestId, step, code: error.error });
  if (error.error === 'not_authenticated') return errors.unauthorized();
  if (error.error === 'token_error') return errors.reauthRequired();
  return upstream(
    step === 'start'
      ? 'Auth0 could not start adding a passkey. Nothing was added. Please try again.'
      : 'Auth0 did not accept the new passkey, so nothing was added. Please try again.',
  );
}

const isUnanswered = (error: unknown) =>
  error instanceof PasskeyEnrollmentVerifyError && error.error === 'unexpected_error';

/** Auth0's creation options for the browser, and the ceremony state the options route seals. */
export async function beginPasskey(
  user: SessionUser,
  requestId: string,
): Promise<{ options: PasskeyCreationOptionsJSON; state: ChallengeState }> {
  const snapshot = await loadSnapshot(user.userId, undefined, user.account);
  const database = snapshot.identities.find((i) => i.provider === 'auth0');
  if (!database) throw noDatabaseIdentity();
  if (snapshot.methods.filter((m) => m.type === 'passkey').length >= PASSKEY_LIMIT) {
    throw limitError();
  }

  await ensureMyAccountToken(user.userId);
  try {
    const started = await auth0.passkey.enrollmentChallenge({ connection: database.connection });
    const state: ChallengeState = {
      kind: 'passkey',
      challenge: started.authnParamsPublicKey.challenge,
      userId: user.userId,
      authSession: started.authSession,
      methodId: started.authenticationMethodId,
      exp: Date.now() + CHALLENGE_TTL_SECONDS * 1000,
      taken: takenNameDigests(snapshot.methods),
    };
    return { options: started.authnParamsPublicKey, state };
  } catch (error) {
    throw explain(error, 'start', requestId);
  }
}

/**
 * What Auth0's verify accepts: its schema allows exactly these fields, so the extra outputs
 * @simplewebauthn/browser adds (publicKey, authenticatorData, …) are left out.
 */
export function toAuthnResponse(response: RegistrationResponseJSON): PasskeyAuthResponse {
  const { clientDataJSON, attestationObject, transports } = response.response;
  return {
    id: response.id,
    rawId: response.rawId,
    type: response.type,
    ...(response.authenticatorAttachment
      ? { authenticatorAttachment: response.authenticatorAttachment }
      : {}),
    response: { clientDataJSON, attestationObject, ...(transports ? { transports } : {}) },
    clientExtensionResults: { ...response.clientExtensionResults },
  };
}

export type FinishResult = {
  factor: Factor | null;
  nameSaved: boolean;
  /** The whole list after the addition, so the page need not ask for it again (null: unread). */
  view: FactorsView | null;
};

/**
 * Has Auth0 verify and store the passkey, then names it through the Management API. A failed
 * rename keeps the passkey (it works, under the provider's name) and says the name was not saved.
 */
export async function finishPasskey(input: FinishInput): Promise<FinishResult> {
  const config = webauthnConfig();
  const { userId } = input.user;
  const state = await takeCeremony('passkey', {
    cookie: input.cookie,
    cookieKey: config.cookieKey,
    sessionUserId: userId,
    usedChallenges: getUsedChallenges(),
    name: input.name,
  });

  await ensureMyAccountToken(userId);
  let createdId: string;
  try {
    const created = await withBrowserUserAgent(input.userAgent, () =>
      auth0.passkey.enrollmentVerify({
        authenticationMethodId: state.methodId,
        authSession: state.authSession,
        authResponse: toAuthnResponse(input.response),
      }),
    );
    createdId = created.id;
  } catch (error) {
    // `unexpected_error` is nextjs-auth0's word for no answer (its 5 s timeout, a dropped
    // connection): Auth0 may have stored the passkey, or may still. Its credential id tells.
    if (!isUnanswered(error)) throw explain(error, 'finish', input.requestId);
    const found = await findByKeyId(userId, input.response.id);
    if (!found) {
      log('warn', 'my_account_error', {
        requestId: input.requestId,
        step: 'finish',
        code: 'unanswered',
      });
      // Mailed once a later read shows it.
      await rememberUnconfirmedAdd(userId, {
        keyId: input.response.id,
        kind: 'passkey',
        name: input.name ?? null,
      });
      throw addUnconfirmed('passkey');
    }
    createdId = found;
  }
  log('info', 'webauthn_registered', {
    requestId: input.requestId,
    userId,
    methodId: createdId,
    kind: 'passkey',
  });

  let nameSaved = true;
  if (input.name) {
    const name = input.name;
    try {
      // Through My Account: the Management API documents no rename of a passkey (Q3).
      await renamePasskey(userId, createdId, name);
    } catch (error) {
      nameSaved = false;
      log('warn', 'passkey_name_not_saved', {
        requestId: input.requestId,
        error: error instanceof Error ? error.name : typeof error,
      });
    }
  }
  // Auth0 stored it: the mail is queued before the re-read below, which may still fail.
  await notifyChange({
    kind: 'passkey_added',
    userId,
    details: { name: input.name },
    record: {
      kind: 'methodAdded',
      methodId: createdId,
      method: { kind: 'passkey', name: input.name ?? '' },
    },
  });
  // Auth0 confirmed the passkey: a failed read of the list answers that success with what is known.
  const view = await factorsAfterAdd(userId, input.user.account);
  if (!view) {
    return {
      factor: confirmedFactor(createdId, 'passkey', nameSaved ? input.name : null),
      nameSaved,
      view: null,
    };
  }
  const factor = view.factors.find((f) => f.id === createdId) ?? null;
  // A rename whose answer was lost may have arrived anyway; the fresh list knows.
  return { factor, nameSaved: nameSaved || (factor !== null && factor.name === input.name), view };
}
