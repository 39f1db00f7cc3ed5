import type { JWTPayload } from 'jose';
import type { Context } from 'koa';
import type { ZodType } from 'zod';
import { BodyError, readBody } from '../http/body';
import type { Handler } from '../http/router';
import type { Tenant } from '../tenant';
import { authenticate, requireAllScopes, requireAnyScope } from './auth';
import { ApiError, invalidBody, sendApiError } from './errors';

export interface ApiRequest {
  ctx: Context;
  params: Record<string, string>;
  token: JWTPayload;
}

export type ScopeRule = { anyOf: string[] } | { allOf: string[] };

/** Wraps a Management API handler: Bearer token, scope check, Auth0 error bodies. */
export function apiHandler(
  tenant: Tenant,
  scopes: ScopeRule,
  handle: (request: ApiRequest) => Promise<void> | void,
): Handler {
  return async (ctx, params) => {
    try {
      const token = await authenticate(ctx, tenant);
      if ('anyOf' in scopes) requireAnyScope(token, scopes.anyOf);
      else requireAllScopes(token, scopes.allOf);
      await handle({ ctx, params, token });
    } catch (error) {
      if (error instanceof ApiError) return sendApiError(ctx, error);
      if (error instanceof BodyError) return sendApiError(ctx, invalidBody(error.message));
      throw error;
    }
  };
}

/** Parses the JSON body with `schema`, turning the first problem into Auth0's 400. */
export async function parseJson<T>(ctx: Context, schema: ZodType<T>): Promise<T> {
  const result = schema.safeParse(await readBody(ctx));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw invalidBody('invalid payload');
  if (issue.code === 'unrecognized_keys') {
    throw invalidBody(`Additional properties not allowed: ${issue.keys.join(',')}`);
  }
  const path = issue.path.join('.');
  throw invalidBody(path ? `${issue.message} on property ${path}` : issue.message);
}
