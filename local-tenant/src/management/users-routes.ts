import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DATABASE_CONNECTION } from '../config';
import type { Router } from '../http/router';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../login/passwords';
import { findUserByEmail, getUser, insertUser, userView } from '../store/users';
import type { Tenant } from '../tenant';
import { ApiError, USER_NOT_FOUND } from './errors';
import { apiHandler, parseJson } from './handler';

const CreateUser = z.strictObject({
  connection: z.string().min(1),
  email: z.email(),
  password: z.string().optional(),
  user_id: z.string().min(1).max(255).optional(),
  name: z.string().min(1).max(300).optional(),
  nickname: z.string().min(1).max(300).optional(),
  picture: z.url().optional(),
  email_verified: z.boolean().optional(),
  verify_email: z.boolean().optional(),
  app_metadata: z.strictObject({ roles: z.array(z.string()).optional() }).optional(),
});

export function registerUserRoutes(router: Router, tenant: Tenant): void {
  router.add(
    'POST',
    '/api/v2/users',
    apiHandler(tenant, { anyOf: ['create:users'] }, async ({ ctx }) => {
      const body = await parseJson(ctx, CreateUser);
      if (body.connection !== DATABASE_CONNECTION) {
        throw new ApiError(400, 'The connection does not exist.', 'inexistent_connection');
      }
      if (body.password !== undefined && body.password.length < MIN_PASSWORD_LENGTH) {
        throw new ApiError(400, 'PasswordStrengthError: Password is too weak', 'invalid_password');
      }
      const userId = `auth0|${body.user_id ?? randomBytes(12).toString('hex')}`;
      if (findUserByEmail(tenant.db, body.email) || getUser(tenant.db, userId)) {
        throw new ApiError(409, 'The user already exists.', 'auth0_idp_error');
      }
      // Users may be created without a password (passkey-only accounts).
      const user = insertUser(tenant.db, {
        user_id: userId,
        email: body.email,
        email_verified: body.email_verified ?? false,
        name: body.name,
        nickname: body.nickname,
        picture: body.picture,
        roles: body.app_metadata?.roles,
        password_hash: body.password === undefined ? null : await hashPassword(body.password),
      });
      ctx.status = 201;
      ctx.body = userView(user);
    }),
  );

  router.add(
    'GET',
    '/api/v2/users/:id',
    apiHandler(tenant, { anyOf: ['read:users'] }, ({ ctx, params }) => {
      const user = getUser(tenant.db, params.id ?? '');
      if (!user) throw USER_NOT_FOUND();
      ctx.body = userView(user);
    }),
  );
}
