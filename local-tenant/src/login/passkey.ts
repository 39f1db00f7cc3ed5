import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import type { TenantDb } from '../db';
import { findWebAuthnMethod, type MethodRow, recordWebAuthnUse } from '../store/methods';
import type { ChallengeStore } from './challenges';
import { PAGE_TEXT } from './page-text';

export const PASSKEY_MESSAGES = PAGE_TEXT.en.passkeyErrors;

/** A refused passkey sign-in; `reason` picks the words in the page's language. */
export class PasskeyError extends Error {
  readonly reason: keyof typeof PASSKEY_MESSAGES;
  constructor(reason: keyof typeof PASSKEY_MESSAGES) {
    super(PASSKEY_MESSAGES[reason]);
    this.reason = reason;
  }
}

/** Options for a discoverable-credential assertion (empty allowCredentials). */
export async function passkeyOptions(
  challenges: ChallengeStore,
  interactionUid: string,
  rpId: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({
    rpID: rpId,
    allowCredentials: [],
    userVerification: 'required',
    timeout: 60_000,
  });
  challenges.put(interactionUid, options.challenge);
  return options;
}

export interface PasskeyCheck {
  db: TenantDb;
  challenges: ChallengeStore;
  interactionUid: string;
  response: AuthenticationResponseJSON;
  expectedOrigin: string;
  rpId: string;
}

/** Verifies an assertion against the stored method; returns the method (now marked used). */
export async function verifyPasskey(check: PasskeyCheck): Promise<MethodRow> {
  const { db, response } = check;
  // Take the challenge first: a failed attempt must not leave it reusable.
  const expectedChallenge = check.challenges.take(check.interactionUid);
  if (!expectedChallenge) throw new PasskeyError('expired');
  const method = typeof response?.id === 'string' ? findWebAuthnMethod(db, response.id) : undefined;
  if (!method?.public_key) throw new PasskeyError('unknown');
  const userHandle = response.response?.userHandle;
  if (userHandle && method.user_handle && userHandle !== method.user_handle) {
    throw new PasskeyError('failed');
  }
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: check.expectedOrigin,
      expectedRPID: check.rpId,
      requireUserVerification: true,
      credential: {
        id: method.key_id ?? response.id,
        publicKey: new Uint8Array(Buffer.from(method.public_key, 'base64')),
        // Signature counters are recorded but not enforced: CDP virtual authenticators restart at
        // the seeded count in every e2e test, and synced passkeys always report 0.
        counter: 0,
      },
    });
  } catch {
    throw new PasskeyError('failed');
  }
  if (!verification.verified) throw new PasskeyError('failed');
  recordWebAuthnUse(db, method.id, verification.authenticationInfo.newCounter);
  return method;
}
