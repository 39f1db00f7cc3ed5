import type { Router } from '../http/router';
import { recordApiWrite } from '../logs/events';
import { endSession, endUserSessions, findSession, liveSessions } from '../sessions/sessions';
import { byNewest, sessionView } from '../sessions/view';
import { getUser } from '../store/users';
import type { Tenant } from '../tenant';
import { ApiError, USER_NOT_FOUND } from './errors';
import { apiHandler } from './handler';
import { parseCheckpoint } from './pagination';
import { requirePlan } from './plan';

const SESSION_NOT_FOUND = () =>
  new ApiError(404, 'The session does not exist.', 'inexistent_session');

export function registerSessionRoutes(router: Router, tenant: Tenant): void {
  const view = (session: Parameters<typeof sessionView>[0]) =>
    sessionView(session, tenant.sessionActivity.get(session.id));

  // `{ sessions, next? }` whatever include_totals says: the SDK pages on `next`.
  router.add(
    'GET',
    '/api/v2/users/:id/sessions',
    apiHandler(tenant, { anyOf: ['read:sessions'] }, ({ ctx, params }) => {
      requirePlan(tenant, 'sessions');
      const userId = params.id ?? '';
      const { take, from } = parseCheckpoint(ctx.query);
      if (!getUser(tenant.db, userId)) throw USER_NOT_FOUND();
      const all = liveSessions(tenant)
        .filter((s) => s.userId === userId)
        .map(view)
        .sort(byNewest);
      const start = from === null ? 0 : all.findIndex((s) => s.id === from) + 1;
      const page = all.slice(start, start + take);
      const last = page.at(-1);
      ctx.body = {
        sessions: page,
        ...(last && start + take < all.length ? { next: last.id } : {}),
      };
    }),
  );

  router.add(
    'GET',
    '/api/v2/sessions/:id',
    apiHandler(tenant, { anyOf: ['read:sessions'] }, ({ ctx, params }) => {
      requirePlan(tenant, 'sessions');
      const session = findSession(tenant, params.id ?? '');
      if (!session) throw SESSION_NOT_FOUND();
      ctx.body = view(session);
    }),
  );

  // "Session deletion request accepted": 202, also for a session that is already gone (Auth0's
  // spec lists no 404 here). Logout tokens have been sent by the time it answers.
  router.add(
    'DELETE',
    '/api/v2/sessions/:id',
    apiHandler(tenant, { anyOf: ['delete:sessions'] }, async ({ ctx, params, token }) => {
      requirePlan(tenant, 'sessions');
      const session = findSession(tenant, params.id ?? '');
      ctx.status = 202;
      if (session) {
        await endSession(tenant, session);
        recordApiWrite(tenant.db, ctx, {
          userId: session.userId,
          description: 'Delete a session',
          clientId: token.azp ?? token.sub,
        });
      }
    }),
  );

  router.add(
    'DELETE',
    '/api/v2/users/:id/sessions',
    apiHandler(tenant, { anyOf: ['delete:sessions'] }, async ({ ctx, params, token }) => {
      requirePlan(tenant, 'sessions');
      const userId = params.id ?? '';
      if (!getUser(tenant.db, userId)) throw USER_NOT_FOUND();
      await endUserSessions(tenant, userId);
      ctx.status = 202;
      recordApiWrite(tenant.db, ctx, {
        userId,
        description: "Delete a user's sessions",
        clientId: token.azp ?? token.sub,
      });
    }),
  );
}
