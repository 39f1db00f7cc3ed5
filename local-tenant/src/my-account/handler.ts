import type { Context } from 'koa';
import { BodyError, readBody } from '../http/body';
import type { Handler } from '../http/router';
import type { Tenant } from '../tenant';
import { authenticateMe, type MyAccountToken, requireMeScope } from './auth';
import { invalidRequest, MyAccountError, sendMyAccountError } from './errors';

export interface MeRequest {
  ctx: Context;
  params: Record<string, string>;
  token: MyAccountToken;
}

/** Wraps a My Account handler: Bearer token, the one scope it needs, `ErrorResponse` bodies. */
export function meHandler(
  tenant: Tenant,
  scope: string,
  handle: (request: MeRequest) => Promise<void> | void,
): Handler {
  return async (ctx, params) => {
    try {
      const token = await authenticateMe(ctx, tenant);
      requireMeScope(token, scope);
      await handle({ ctx, params, token });
    } catch (error) {
      if (error instanceof MyAccountError) return sendMyAccountError(ctx, error);
      if (error instanceof BodyError) return sendMyAccountError(ctx, invalidRequest(error.message));
      throw error;
    }
  };
}

/** The JSON request body; anything but `application/json` is 415, as the OAS lists. */
export async function readJsonBody(ctx: Context): Promise<Record<string, unknown>> {
  if (!ctx.is('application/json')) {
    throw new MyAccountError(415, 'The request body must be application/json.');
  }
  return readBody(ctx);
}
