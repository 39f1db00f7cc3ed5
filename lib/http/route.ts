import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { ApiError, errors } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { runWithContext } from '@/lib/core/request-context';
import { getEnv } from '@/lib/env';
import { clientAddress } from '@/lib/http/client-ip';
import { DEFAULT_MAX_BODY_BYTES, readJson } from '@/lib/http/read-json';
import { negotiateLocale } from '@/lib/i18n/config';
import { managementErrorToApiError } from '@/lib/management/errors';
import { enforceRouteLimit, type LimitName } from '@/lib/rate-limits/route-limits';
import { getSessionUser, hasRecentSignIn, isAdmin, type SessionUser } from '@/lib/session';
import { errorResponse } from './error-response';

type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.output<S> : undefined;

export type RouteOptions<B extends Schema | undefined, P extends Schema | undefined> = {
  /** zod schema for the JSON body; omitted means the route takes no body. */
  body?: B;
  /** zod schema for the dynamic route segments. */
  params?: P;
  maxBodyBytes?: number;
  /** Require a sign-in within REAUTH_MAX_AGE (adding or removing a factor, signing keys). */
  recentAuth?: boolean;
  /** Require the admin role. */
  admin?: boolean;
  /** The per-user and per-IP budget this route counts against (lib/rate-limits). */
  limit?: LimitName;
  /**
   * A Set-Cookie value appended to every answer, success or error: a single-use ceremony cookie
   * is spent whatever the outcome, so the browser should drop it too.
   */
  clearCookie?: (req: NextRequest) => string;
};

export type RouteContext<B, P> = {
  req: NextRequest;
  user: SessionUser;
  body: B;
  params: P;
  requestId: string;
};

type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export type RouteDeps = {
  getUser: () => Promise<SessionUser | null>;
  enforceLimit: (name: LimitName, userId: string, ip: string) => Promise<void>;
  appOrigin: () => string;
  isAdmin: (user: SessionUser) => boolean;
  hasRecentSignIn: (user: SessionUser) => boolean;
};

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function assertSameOrigin(req: Request, appOrigin: string): void {
  const origin = req.headers.get('origin');
  // Browsers send Origin on every cross-origin request and on same-origin POST/PATCH/PUT/DELETE,
  // so a missing header is only acceptable when the browser itself vouches for same-origin.
  if (origin === null && req.headers.get('sec-fetch-site') === 'same-origin') return;
  if (origin !== appOrigin) throw errors.crossOrigin();
}

function validationMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

function parse<S extends Schema>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(422, 'invalid_request', validationMessage(result.error));
  return result.data;
}

function toApiError(error: unknown, requestId: string, req: Request): ApiError {
  if (error instanceof ApiError) return error;
  const upstream = managementErrorToApiError(error);
  const name = error instanceof Error ? error.name : typeof error;
  const status =
    typeof error === 'object' && error !== null && 'statusCode' in error
      ? String(error.statusCode)
      : null;
  log(upstream ? 'warn' : 'error', upstream ? 'upstream_error' : 'unhandled_error', {
    requestId,
    method: req.method,
    path: new URL(req.url).pathname,
    error: name,
    upstreamStatus: status,
  });
  return upstream ?? errors.internal();
}

/**
 * The client's address for per-IP limits and mail: the X-Forwarded-For entry TRUSTED_PROXY_HOPS
 * from the end, if it parses as an IP address, else "unknown" (lib/http/client-ip.ts). (Without a
 * proxy, Next fills the header with the socket's address, unless the client sent one itself: see
 * README.)
 */
function clientIp(req: Request): string {
  return clientAddress(req.headers.get('x-forwarded-for'), getEnv().trustedProxyHops);
}

function withClearedCookie(
  response: Response,
  clearCookie: ((req: NextRequest) => string) | undefined,
  req: NextRequest,
): Response {
  if (clearCookie) response.headers.append('set-cookie', clearCookie(req));
  return response;
}

/** Builds the wrapper from its dependencies, so tests can give it a session without a cookie. */
export function createRouteWrapper(deps: RouteDeps) {
  return function withRoute<
    B extends Schema | undefined = undefined,
    P extends Schema | undefined = undefined,
  >(
    options: RouteOptions<B, P>,
    handler: (ctx: RouteContext<Infer<B>, Infer<P>>) => Promise<Response>,
  ) {
    return async (req: NextRequest, context?: NextRouteContext): Promise<Response> => {
      const requestId = req.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
      try {
        if (MUTATIONS.has(req.method)) assertSameOrigin(req, deps.appOrigin());
        const user = await deps.getUser();
        if (!user) throw errors.unauthorized();
        if (options.admin && !deps.isAdmin(user))
          throw errors.forbidden('This page is for tenant administrators.');
        if (options.recentAuth && !deps.hasRecentSignIn(user)) throw errors.reauthRequired();
        const ip = clientIp(req);
        if (options.limit) await deps.enforceLimit(options.limit, user.userId, ip);

        const rawParams = context ? await context.params : {};
        const params = (options.params ? parse(options.params, rawParams) : undefined) as Infer<P>;
        const body = (
          options.body
            ? parse(
                options.body,
                await readJson(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
              )
            : undefined
        ) as Infer<B>;

        const actor = {
          email: user.email,
          locale: negotiateLocale(req.headers.get('accept-language')),
          userAgent: req.headers.get('user-agent'),
          ip: ip === 'direct' ? null : ip,
          requestId,
        };
        const response = await runWithContext({ userId: user.userId, actor }, () =>
          handler({ req, user, body, params, requestId }),
        );
        response.headers.set('x-request-id', requestId);
        if (!response.headers.has('cache-control'))
          response.headers.set('cache-control', 'no-store');
        return withClearedCookie(response, options.clearCookie, req);
      } catch (error) {
        return withClearedCookie(
          errorResponse(
            toApiError(error, requestId, req),
            requestId,
            negotiateLocale(req.headers.get('accept-language')),
          ),
          options.clearCookie,
          req,
        );
      }
    };
  };
}

export const withRoute = createRouteWrapper({
  getUser: getSessionUser,
  enforceLimit: enforceRouteLimit,
  appOrigin: () => getEnv().appBaseUrl,
  isAdmin,
  hasRecentSignIn: (user) => hasRecentSignIn(user),
});
