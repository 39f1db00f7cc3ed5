import type { Context } from 'koa';
import { z } from 'zod';
import type { Router } from '../http/router';
import { recordLog, requestOrigin } from '../logs/events';
import { MAX_METHOD_NAME } from '../management/methods-routes';
import { getMethod, listMethods, updateMethod } from '../store/methods';
import { getUser, type UserRecord } from '../store/users';
import type { Tenant } from '../tenant';
import { invalidRequest, MyAccountError } from './errors';
import { meHandler, readJsonBody } from './handler';
import { NEW_PASSKEY_ID, startPasskeyEnrollment } from './passkey-options';
import { finishPasskeyEnrollment } from './passkey-verify';
import { validate } from './validation';
import { toMyAccountMethod } from './view';

export const MY_ACCOUNT_METHODS_PATH = '/me/v1/authentication-methods';
export const MY_ACCOUNT_FACTORS_PATH = '/me/v1/factors';

const READ = 'read:me:authentication_methods';
const CREATE = 'create:me:authentication_methods';
const UPDATE = 'update:me:authentication_methods';

// OAS `UpdateAuthenticationMethodRequestContent` (additionalProperties: false). Names are capped
// as the Management API's are here (MAX_METHOD_NAME): what is stored stays within its list schema.
const UpdateMethod = z.strictObject({
  name: z
    .string()
    .refine((name) => [...name].length <= MAX_METHOD_NAME, {
      message: `String is too long, maximum ${MAX_METHOD_NAME}`,
    })
    .optional(),
  preferred_authentication_method: z.enum(['sms', 'voice']).optional(),
});

const FILTER_TYPES = new Set([
  'password',
  'passkey',
  'webauthn-platform',
  'webauthn-roaming',
  'totp',
  'phone',
  'email',
  'push-notification',
  'recovery-code',
]);

function methodUrl(tenant: Tenant, id: string): string {
  return `${tenant.urls.issuer}me/v1/authentication-methods/${encodeURIComponent(id)}`;
}

function signedInUser(tenant: Tenant, sub: string): UserRecord {
  const user = getUser(tenant.db, sub);
  // A valid token for a user deleted since: nothing to act on.
  if (!user) throw new MyAccountError(401, 'The user in the token does not exist.');
  return user;
}

/** Auth0's per-user read limit, with the rate-limit headers the OAS lists on reads. */
function limitRead(ctx: Context, tenant: Tenant, userId: string): void {
  const decision = tenant.myAccountReads.take(userId);
  if (!decision) return;
  ctx.set('x-ratelimit-limit', String(decision.limit));
  ctx.set('x-ratelimit-remaining', String(decision.remaining));
  ctx.set('x-ratelimit-reset', String(decision.reset));
  if (decision.allowed) return;
  ctx.set('retry-after', String(decision.retryAfter));
  throw new MyAccountError(429, 'Too many requests: the per-user limit for reads was reached.');
}

/**
 * The subset of Auth0's My Account API that passkey enrolment needs, on the sign-in domain:
 * list the signed-in user's methods, start a passkey enrolment, verify it.
 */
export function registerMyAccountRoutes(router: Router, tenant: Tenant): void {
  router.add(
    'GET',
    MY_ACCOUNT_METHODS_PATH,
    meHandler(tenant, READ, ({ ctx, token }) => {
      const user = signedInUser(tenant, token.sub);
      const type = ctx.query.type;
      if (type !== undefined && (typeof type !== 'string' || !FILTER_TYPES.has(type))) {
        throw invalidRequest(`Invalid type filter: ${String(type)}`);
      }
      limitRead(ctx, tenant, user.user_id);
      const methods = listMethods(tenant.db, user)
        .filter((m) => type === undefined || m.type === type)
        .map(toMyAccountMethod);
      ctx.body = { authentication_methods: methods };
    }),
  );

  router.add(
    'POST',
    MY_ACCOUNT_METHODS_PATH,
    meHandler(tenant, CREATE, async ({ ctx, token }) => {
      const body = await readJsonBody(ctx);
      const user = signedInUser(tenant, token.sub);
      const { authSession, options } = startPasskeyEnrollment(tenant, user, body);
      ctx.set('cache-control', 'no-store');
      ctx.set('location', methodUrl(tenant, NEW_PASSKEY_ID));
      ctx.status = 202;
      ctx.body = { auth_session: authSession, authn_params_public_key: options };
    }),
  );

  // Renames one of the signed-in user's methods (a passkey too: the answer's schema includes
  // passkeys). The spec lists no 404 for PATCH, so an id that is not the user's is a 400.
  router.add(
    'PATCH',
    `${MY_ACCOUNT_METHODS_PATH}/:id`,
    meHandler(tenant, UPDATE, async ({ ctx, params, token }) => {
      const body = validate(await readJsonBody(ctx), UpdateMethod);
      const user = signedInUser(tenant, token.sub);
      const id = params.id ?? '';
      const method = getMethod(tenant.db, user, id);
      if (!method) throw invalidRequest('The authentication method does not exist.');
      if (method.type === 'password' || method.type === 'recovery-code') {
        throw invalidRequest(`The ${method.type} authentication method cannot be updated.`);
      }
      const updated = updateMethod(tenant.db, user.user_id, id, body);
      if (!updated) throw invalidRequest('The authentication method does not exist.');
      recordLog(tenant.db, {
        type: 'my_account_authentication_method_succeeded',
        description: 'Successfully completed authentication method operation in My Account API',
        ...requestOrigin(ctx),
        user_id: user.user_id,
        details: {
          operation: 'update',
          authentication_method: updated.type,
          authentication_method_id: updated.id,
          request: { method: ctx.method, path: ctx.path },
        },
      });
      ctx.body = toMyAccountMethod(updated);
    }),
  );

  router.add(
    'POST',
    `${MY_ACCOUNT_METHODS_PATH}/:id/verify`,
    meHandler(tenant, CREATE, async ({ ctx, params, token }) => {
      const body = await readJsonBody(ctx);
      const method = await finishPasskeyEnrollment(tenant, {
        sub: token.sub,
        // The router has percent-decoded it: `passkey%7Cnew` and `passkey|new` are the same.
        methodId: params.id ?? '',
        body,
        userAgent: ctx.get('user-agent') || undefined,
      });
      recordLog(tenant.db, {
        type: 'my_account_authentication_method_succeeded',
        description: 'Successfully completed authentication method operation in My Account API',
        ...requestOrigin(ctx),
        ...(typeof token.sub === 'string' ? { user_id: token.sub } : {}),
        details: {
          operation: 'create',
          authentication_method: 'passkey',
          authentication_method_id: method.id,
          request: { method: ctx.method, path: ctx.path },
        },
      });
      ctx.set('location', methodUrl(tenant, method.id));
      ctx.status = 201;
      ctx.body = toMyAccountMethod(method);
    }),
  );
}
