import { createHash, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Router } from '../http/router';
import { createResetTicket, DEFAULT_RESET_TTL_SECONDS } from '../login/reset-tickets';
import { recordApiWrite } from '../logs/events';
import { countMethods, insertMethod } from '../store/methods';
import { findUserByEmail, getUser, type UserRecord } from '../store/users';
import type { Tenant } from '../tenant';
import { ApiError, USER_NOT_FOUND } from './errors';
import { apiHandler, parseJson } from './handler';

// POST /api/v2/tickets/password-change (create:user_tickets) and
// POST /api/v2/users/{id}/recovery-code-regeneration (update:users), with the request fields
// Auth0's spec lists (`ChangePasswordTicketRequestContent`) and nothing else.

const PasswordChangeTicket = z.strictObject({
  result_url: z.url().optional(),
  user_id: z.string().min(1).optional(),
  client_id: z.string().min(1).optional(),
  organization_id: z.string().min(1).optional(),
  connection_id: z.string().min(1).optional(),
  email: z.email().optional(),
  ttl_sec: z.number().int().min(0).optional(),
  mark_email_as_verified: z.boolean().optional(),
  includeEmailInRedirect: z.boolean().optional(),
  identity: z
    .strictObject({
      user_id: z.string().min(1),
      provider: z.literal('auth0'),
      connection_id: z.string().optional(),
    })
    .optional(),
});

const bad = (message: string) => new ApiError(400, message, 'invalid_body');

function ticketUser(tenant: Tenant, body: z.infer<typeof PasswordChangeTicket>): UserRecord {
  if (body.user_id !== undefined && (body.email !== undefined || body.connection_id !== undefined))
    throw bad('Cannot specify both user_id and email or connection_id.');
  if (body.user_id === undefined && (body.email === undefined || body.connection_id === undefined))
    throw bad('Missing required fields: user_id, or email and connection_id.');
  const user =
    body.user_id !== undefined
      ? getUser(tenant.db, body.user_id)
      : findUserByEmail(tenant.db, body.email ?? '');
  if (!user) throw USER_NOT_FOUND();
  // A password belongs to a database identity; a social-only account has none to change.
  if (!user.identities.some((i) => i.provider === 'auth0'))
    throw bad('The user does not have a database connection identity.');
  return user;
}

const MFA_TYPES = ['totp', 'webauthn-roaming', 'webauthn-platform', 'phone', 'email', 'push'];

// 24 characters from an alphabet without look-alikes, as Auth0's recovery codes read.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newRecoveryCode = () =>
  Array.from({ length: 24 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

export function registerTicketRoutes(router: Router, tenant: Tenant): void {
  router.add(
    'POST',
    '/api/v2/tickets/password-change',
    apiHandler(tenant, { anyOf: ['create:user_tickets'] }, async ({ ctx, token }) => {
      const body = await parseJson(ctx, PasswordChangeTicket);
      const user = ticketUser(tenant, body);
      // "If unspecified or set to 0, this value defaults to 432000 seconds (5 days)."
      const ttl = body.ttl_sec ? body.ttl_sec : DEFAULT_RESET_TTL_SECONDS;
      const code = createResetTicket(tenant.db, user.user_id, ttl, Date.now(), body.result_url);
      recordApiWrite(tenant.db, ctx, {
        userId: user.user_id,
        description: 'Create a password change ticket',
        clientId: token.azp ?? token.sub,
      });
      ctx.status = 201;
      ctx.body = { ticket: `${tenant.urls.origin}/u/reset-password?ticket=${code}#` };
    }),
  );

  router.add(
    'POST',
    '/api/v2/users/:id/recovery-code-regeneration',
    apiHandler(tenant, { anyOf: ['update:users'] }, ({ ctx, params, token }) => {
      const user = getUser(tenant.db, params.id ?? '');
      if (!user) throw USER_NOT_FOUND();
      // Auth0's spec: 404 "Enrollment not found." A recovery code belongs to an MFA enrolment;
      // passkeys and the password are first factors, not enrolments.
      if (!MFA_TYPES.some((type) => countMethods(tenant.db, user.user_id, type) > 0))
        throw new ApiError(404, 'Enrollment not found.', 'inexistent_enrollment');
      const code = newRecoveryCode();
      // "Removes the current recovery code and generates a new one": one `recovery-code` method,
      // holding only the code's SHA-256 (in the secret column the TOTP seed uses).
      tenant.db.transaction(() => {
        tenant.db
          .prepare(
            "DELETE FROM authentication_methods WHERE user_id = ? AND type = 'recovery-code'",
          )
          .run(user.user_id);
        insertMethod(tenant.db, user.user_id, {
          type: 'recovery-code',
          totp_secret: createHash('sha256').update(code).digest('hex'),
        });
        recordApiWrite(tenant.db, ctx, {
          userId: user.user_id,
          description: 'Regenerate the recovery code',
          clientId: token.azp ?? token.sub,
        });
      })();
      if (countMethods(tenant.db, user.user_id, 'recovery-code') !== 1)
        throw new Error('recovery code not stored');
      ctx.status = 200;
      ctx.body = { recovery_code: code };
    }),
  );
}
