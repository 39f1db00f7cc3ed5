import type { JWTPayload } from 'jose';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Router } from '../http/router';
import { recordApiWrite } from '../logs/events';
import {
  countMethods,
  deleteMethod,
  getMethod,
  insertMethod,
  keyIdExists,
  listMethods,
  MAX_PASSKEYS,
  type NewMethod,
  updateMethod,
} from '../store/methods';
import { databaseIdentity, getUser, type UserRecord } from '../store/users';
import type { Tenant } from '../tenant';
import { ApiError, invalidBody, METHOD_NOT_FOUND, USER_NOT_FOUND } from './errors';
import { apiHandler, parseJson } from './handler';
import { paginate, parsePageQuery } from './pagination';

export { MAX_PASSKEYS } from '../store/methods';

// Per type, exactly the fields Auth0 documents (the OAS body has additionalProperties: false):
// a security key is name, key_id, public_key, relying_party_identifier; the authenticator
// details (aaguid, device type, user agent, user handle, transports, identity) are passkey-only.
// Auth0's UserAuthenticationMethod.name has maxLength 20 (JSON Schema: counted in code points).
// Its create and PATCH request schemas state none; whether Auth0 refuses a longer name is the
// contract question Q9 (test/contract/management.test.ts). Refusing here is the stricter answer,
// so Keyward is tested against it, and nothing stored here breaks the list's schema.
export const MAX_METHOD_NAME = 20;

/** OAS `CreatedAuthenticationMethodTypeEnum`: the types PATCH can answer with. */
const UPDATABLE_TYPES = new Set(['phone', 'email', 'totp', 'webauthn-roaming']);
const methodName = z
  .string()
  .refine((name) => [...name].length <= MAX_METHOD_NAME, {
    message: `String is too long, maximum ${MAX_METHOD_NAME}`,
  })
  .optional();

const credentialFields = {
  name: methodName,
  key_id: z.string().min(1),
  public_key: z.string().min(1),
};

// Only these types can be created (webauthn-platform, recovery-code, ... cannot).
const CreateMethod = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('passkey'),
    ...credentialFields,
    // OAS `format: uuid` (any 8-4-4-4-12 hex form, as JSON Schema's format is).
    aaguid: z.guid().optional(),
    credential_device_type: z.enum(['single_device', 'multi_device']).optional(),
    credential_backed_up: z.boolean().optional(),
    identity_user_id: z.string().optional(),
    user_agent: z.string().optional(),
    user_handle: z.string().optional(),
    transports: z.array(z.string()).optional(),
  }),
  z.strictObject({
    type: z.literal('webauthn-roaming'),
    ...credentialFields,
    // OAS `format: hostname`: an RP ID is a host name, never a URL.
    relying_party_identifier: z.hostname().optional(),
  }),
  z.strictObject({
    type: z.literal('totp'),
    name: methodName,
    totp_secret: z.string().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('phone'),
    name: methodName,
    phone_number: z.string().min(2).max(30),
    preferred_authentication_method: z.enum(['sms', 'voice']).optional(),
  }),
  z.strictObject({
    type: z.literal('email'),
    name: methodName,
    email: z.email(),
  }),
]);

const UpdateMethod = z.strictObject({
  name: methodName,
  preferred_authentication_method: z.enum(['sms', 'voice']).optional(),
});

// The fields each answer's OAS schema lists (both have additionalProperties: false): a created
// method is answered without `confirmed`/`enrolled_at`/`last_auth_at`, an updated one without
// the passkey details and times.
const COMMON_FIELDS = [
  'id',
  'type',
  'name',
  'totp_secret',
  'phone_number',
  'email',
  'authentication_methods',
  'preferred_authentication_method',
  'key_id',
  'public_key',
  'aaguid',
  'relying_party_identifier',
  'created_at',
] as const;
const CREATED_FIELDS = [
  ...COMMON_FIELDS,
  'credential_device_type',
  'credential_backed_up',
  'identity_user_id',
  'user_agent',
  'user_handle',
  'transports',
];
const UPDATED_FIELDS = [...COMMON_FIELDS, 'confirmed'];

function only(view: object, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(view).filter(([key]) => fields.includes(key)));
}

function userOr404(tenant: Tenant, id: string | undefined): UserRecord {
  const user = getUser(tenant.db, id ?? '');
  if (!user) throw USER_NOT_FOUND();
  return user;
}

/**
 * A passkey belongs to the user's database identity (Auth0 passkeys exist only for database
 * connections): refuse users without one, and an `identity_user_id` naming another identity.
 */
function passkeyIdentity(user: UserRecord, requested: string | undefined): string {
  const identity = databaseIdentity(user);
  if (!identity) {
    throw new ApiError(
      400,
      'Passkeys can only be created for a user with a database connection identity.',
      'invalid_body',
    );
  }
  const full = `${identity.provider}|${identity.user_id}`;
  if (requested !== undefined && requested !== identity.user_id && requested !== full) {
    throw invalidBody(`identity_user_id ${requested} is not the user's database identity`);
  }
  return identity.user_id;
}

function toNewMethod(body: z.infer<typeof CreateMethod>, user: UserRecord): NewMethod {
  if (body.type !== 'passkey') return body;
  const { transports, credential_backed_up, identity_user_id, ...rest } = body;
  // A passkey always has these in the My Account API's schema (AuthenticationMethodPasskey
  // requires them): what the request leaves out gets WebAuthn's reading of a credential without
  // the backup flags (single-device, not backed up) and the user handle My Account enrolment uses.
  return {
    credential_device_type: 'single_device',
    user_handle: Buffer.from(user.user_id).toString('base64url'),
    ...rest,
    ...(transports ? { transports_list: transports } : {}),
    credential_backed_up: credential_backed_up ? 1 : 0,
    identity_user_id: passkeyIdentity(user, identity_user_id),
  };
}

const BASE = '/api/v2/users/:id/authentication-methods';

export function registerMethodRoutes(router: Router, tenant: Tenant): void {
  // Each change is written with its log event, in one transaction.
  const logWrite = (ctx: Context, token: JWTPayload, userId: string, description: string) =>
    recordApiWrite(tenant.db, ctx, { userId, description, clientId: token.azp ?? token.sub });

  router.add(
    'GET',
    BASE,
    apiHandler(tenant, { anyOf: ['read:authentication_methods'] }, ({ ctx, params }) => {
      const query = parsePageQuery(ctx.query);
      const user = userOr404(tenant, params.id);
      ctx.body = paginate(listMethods(tenant.db, user), query);
    }),
  );

  router.add(
    'POST',
    BASE,
    apiHandler(tenant, { anyOf: ['create:authentication_methods'] }, async (request) => {
      const { ctx, params, token } = request;
      const user = userOr404(tenant, params.id);
      const body = await parseJson(ctx, CreateMethod);
      if ('key_id' in body && keyIdExists(tenant.db, body.key_id)) {
        throw new ApiError(409, 'Authentication method already exists.', 'conflict');
      }
      if (
        body.type === 'passkey' &&
        countMethods(tenant.db, user.user_id, 'passkey') >= MAX_PASSKEYS
      ) {
        throw new ApiError(
          403,
          'You reached the limit of entities of this type for this user.',
          'too_many_entities',
        );
      }
      ctx.status = 201;
      ctx.body = tenant.db.transaction(() => {
        const created = insertMethod(tenant.db, user.user_id, toNewMethod(body, user));
        logWrite(ctx, token, user.user_id, 'Create an authentication method');
        return only(created, CREATED_FIELDS);
      })();
    }),
  );

  router.add(
    'GET',
    `${BASE}/:method_id`,
    apiHandler(tenant, { anyOf: ['read:authentication_methods'] }, ({ ctx, params }) => {
      const user = userOr404(tenant, params.id);
      const method = getMethod(tenant.db, user, params.method_id ?? '');
      if (!method) throw METHOD_NOT_FOUND();
      ctx.body = method;
    }),
  );

  router.add(
    'PATCH',
    `${BASE}/:method_id`,
    apiHandler(tenant, { anyOf: ['update:authentication_methods'] }, async (request) => {
      const { ctx, params, token } = request;
      const user = userOr404(tenant, params.id);
      const body = await parseJson(ctx, UpdateMethod);
      const methodId = params.method_id ?? '';
      const type = getMethod(tenant.db, user, methodId)?.type;
      // The answer's schema (UpdateUserAuthenticationMethodResponseContent) has `type` only from
      // these four: the spec documents no PATCH of a passkey, a password or the other kinds.
      // Whether Auth0 renames a passkey here anyway is the contract question Q3; Keyward renames
      // passkeys through the My Account API, which documents it.
      if (type !== undefined && !UPDATABLE_TYPES.has(type)) {
        throw new ApiError(
          400,
          `The ${type} authentication method cannot be updated.`,
          'operation_not_supported',
        );
      }
      ctx.status = 200;
      ctx.body = tenant.db.transaction(() => {
        const updated = updateMethod(tenant.db, user.user_id, methodId, body);
        if (!updated) throw METHOD_NOT_FOUND();
        logWrite(ctx, token, user.user_id, 'Update an authentication method');
        return only(updated, UPDATED_FIELDS);
      })();
    }),
  );

  router.add(
    'DELETE',
    `${BASE}/:method_id`,
    apiHandler(tenant, { anyOf: ['delete:authentication_methods'] }, ({ ctx, params, token }) => {
      const user = userOr404(tenant, params.id);
      const methodId = params.method_id ?? '';
      if (getMethod(tenant.db, user, methodId)?.type === 'password') {
        throw new ApiError(
          400,
          'The password authentication method cannot be deleted.',
          'operation_not_supported',
        );
      }
      ctx.status = 204;
      tenant.db.transaction(() => {
        if (!deleteMethod(tenant.db, user.user_id, methodId)) throw METHOD_NOT_FOUND();
        logWrite(ctx, token, user.user_id, 'Delete an authentication method');
      })();
      ctx.body = null;
    }),
  );
}
