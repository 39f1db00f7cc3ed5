import { z } from 'zod';
import type { Router } from '../http/router';
import {
  countMethods,
  deleteMethod,
  getMethod,
  insertMethod,
  keyIdExists,
  listMethods,
  type NewMethod,
  updateMethod,
} from '../store/methods';
import { getUser, type UserRecord } from '../store/users';
import type { Tenant } from '../tenant';
import { ApiError, METHOD_NOT_FOUND, USER_NOT_FOUND } from './errors';
import { apiHandler, parseJson } from './handler';
import { paginate, parsePageQuery } from './pagination';

export const MAX_PASSKEYS = 20;

const webAuthnFields = {
  name: z.string().max(255).optional(),
  key_id: z.string().min(1),
  public_key: z.string().min(1),
  aaguid: z.string().optional(),
  credential_device_type: z.enum(['single_device', 'multi_device']).optional(),
  credential_backed_up: z.boolean().optional(),
  identity_user_id: z.string().optional(),
  user_agent: z.string().optional(),
  user_handle: z.string().optional(),
  transports: z.array(z.string()).optional(),
  relying_party_identifier: z.string().optional(),
};

// Only these types can be created (webauthn-platform, recovery-code, ... cannot).
const CreateMethod = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('passkey'), ...webAuthnFields }),
  z.strictObject({ type: z.literal('webauthn-roaming'), ...webAuthnFields }),
  z.strictObject({
    type: z.literal('totp'),
    name: z.string().max(255).optional(),
    totp_secret: z.string().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('phone'),
    name: z.string().max(255).optional(),
    phone_number: z.string().min(1),
    preferred_authentication_method: z.enum(['sms', 'voice']).optional(),
  }),
  z.strictObject({
    type: z.literal('email'),
    name: z.string().max(255).optional(),
    email: z.email(),
  }),
]);

const UpdateMethod = z.strictObject({
  name: z.string().max(255).optional(),
  preferred_authentication_method: z.enum(['sms', 'voice']).optional(),
});

function userOr404(tenant: Tenant, id: string | undefined): UserRecord {
  const user = getUser(tenant.db, id ?? '');
  if (!user) throw USER_NOT_FOUND();
  return user;
}

function toNewMethod(body: z.infer<typeof CreateMethod>, user: UserRecord): NewMethod {
  const { transports, credential_backed_up, ...rest } = body as Record<string, unknown> & {
    type: string;
    transports?: string[];
    credential_backed_up?: boolean;
  };
  const identity = user.identities[0]?.user_id;
  const webauthn = body.type === 'passkey' || body.type === 'webauthn-roaming';
  return {
    ...(rest as NewMethod),
    ...(transports ? { transports_list: transports } : {}),
    ...(credential_backed_up === undefined
      ? {}
      : { credential_backed_up: credential_backed_up ? 1 : 0 }),
    ...(webauthn && !rest.identity_user_id && identity ? { identity_user_id: identity } : {}),
  };
}

const BASE = '/api/v2/users/:id/authentication-methods';

export function registerMethodRoutes(router: Router, tenant: Tenant): void {
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
    apiHandler(tenant, { anyOf: ['create:authentication_methods'] }, async ({ ctx, params }) => {
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
      ctx.body = insertMethod(tenant.db, user.user_id, toNewMethod(body, user));
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
    apiHandler(tenant, { anyOf: ['update:authentication_methods'] }, async ({ ctx, params }) => {
      const user = userOr404(tenant, params.id);
      const body = await parseJson(ctx, UpdateMethod);
      const methodId = params.method_id ?? '';
      if (getMethod(tenant.db, user, methodId)?.type === 'password') {
        throw new ApiError(
          400,
          'The password authentication method cannot be updated.',
          'operation_not_supported',
        );
      }
      const updated = updateMethod(tenant.db, user.user_id, methodId, body);
      if (!updated) throw METHOD_NOT_FOUND();
      ctx.body = updated;
    }),
  );

  router.add(
    'DELETE',
    `${BASE}/:method_id`,
    apiHandler(tenant, { anyOf: ['delete:authentication_methods'] }, ({ ctx, params }) => {
      const user = userOr404(tenant, params.id);
      const methodId = params.method_id ?? '';
      if (getMethod(tenant.db, user, methodId)?.type === 'password') {
        throw new ApiError(
          400,
          'The password authentication method cannot be deleted.',
          'operation_not_supported',
        );
      }
      if (!deleteMethod(tenant.db, user.user_id, methodId)) throw METHOD_NOT_FOUND();
      ctx.status = 204;
      ctx.body = null;
    }),
  );
}
