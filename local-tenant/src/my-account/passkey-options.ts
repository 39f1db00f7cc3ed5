import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DATABASE_CONNECTION } from '../config';
import { countMethods, listMethods, MAX_PASSKEYS } from '../store/methods';
import { databaseIdentity, type UserRecord } from '../store/users';
import type { Tenant } from '../tenant';
import { invalidRequest, MyAccountError } from './errors';
import { validate } from './validation';

/** The id the POST answer's Location names and the verify call must use. */
export const NEW_PASSKEY_ID = 'passkey|new';

/** What browsers show as the relying party's name. */
export const RP_NAME = 'Keyward';

/** Types the My Account API can enrol; the local tenant implements only `passkey`. */
const MY_ACCOUNT_TYPES = [
  'passkey',
  'totp',
  'push-notification',
  'recovery-code',
  'email',
  'phone',
  'password',
] as const;

const Connection = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9-]+$/);
const IdentityUserId = z.string().min(1).max(255).regex(/^\S+$/);

const CreatePasskey = z.strictObject({
  type: z.literal('passkey'),
  connection: Connection.optional(),
  identity_user_id: IdentityUserId.optional(),
});

/** `PublicKeyCredentialCreationOptions` as the OAS describes them (base64url binary fields). */
export interface PasskeyCreationOptions {
  challenge: string;
  timeout: number;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  authenticatorSelection: { residentKey: 'required'; userVerification: 'preferred' };
  excludeCredentials: { id: string; type: 'public-key'; transports?: string[] }[];
}

function rejectOtherTypes(body: Record<string, unknown>): void {
  const { type } = body;
  if (type === 'passkey') return;
  if (typeof type === 'string' && (MY_ACCOUNT_TYPES as readonly string[]).includes(type)) {
    throw invalidRequest(
      `Enrolling "${type}" is not supported by the local tenant; only "passkey" is.`,
    );
  }
  validate(body, CreatePasskey);
}

/**
 * Starts a passkey enrolment for the signed-in user. The tenant picks everything, as Auth0 does:
 * the challenge, the RP ID, and `user.id` = base64url of the database identity's user id (Auth0's
 * own example encodes `auth0|…` this way). Passkeys belong to a database connection, so a user
 * without one (social only) cannot enrol. The state stays server-side under an opaque
 * `auth_session`.
 */
export function startPasskeyEnrollment(
  tenant: Tenant,
  user: UserRecord,
  rawBody: Record<string, unknown>,
): { authSession: string; options: PasskeyCreationOptions } {
  rejectOtherTypes(rawBody);
  const body = validate(rawBody, CreatePasskey);
  const identity = databaseIdentity(user);
  if (!identity) {
    throw invalidRequest(
      'Passkeys can only be enrolled for a database connection identity, and this user has none.',
    );
  }
  if (body.connection !== undefined && body.connection !== identity.connection) {
    throw invalidRequest(
      `The connection "${body.connection}" is not this user's database connection (${DATABASE_CONNECTION}).`,
    );
  }
  const fullIdentityId = `${identity.provider}|${identity.user_id}`;
  if (
    body.identity_user_id !== undefined &&
    body.identity_user_id !== identity.user_id &&
    body.identity_user_id !== fullIdentityId
  ) {
    throw invalidRequest(`The identity "${body.identity_user_id}" is not linked to this user.`);
  }
  if (countMethods(tenant.db, user.user_id, 'passkey') >= MAX_PASSKEYS) {
    throw new MyAccountError(403, 'You reached the limit of entities of this type for this user.');
  }
  const userHandle = Buffer.from(fullIdentityId).toString('base64url');
  const challenge = randomBytes(32).toString('base64url');
  const rpId = tenant.config.rpId;
  const authSession = tenant.enrollments.put({
    userId: user.user_id,
    methodId: NEW_PASSKEY_ID,
    challenge,
    rpId,
    userHandle,
    identityUserId: identity.user_id,
  });
  const excludeCredentials = listMethods(tenant.db, user).flatMap((m) =>
    m.type === 'passkey' && m.key_id
      ? [
          {
            id: m.key_id,
            type: 'public-key' as const,
            ...(m.transports ? { transports: m.transports } : {}),
          },
        ]
      : [],
  );
  return {
    authSession,
    options: {
      challenge,
      timeout: 60_000,
      rp: { id: rpId, name: RP_NAME },
      user: { id: userHandle, name: user.email, displayName: user.name },
      pubKeyCredParams: [
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ],
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      excludeCredentials,
    },
  };
}
