import 'server-only';
import type { Management } from 'auth0';
import { reportConfig } from '@/lib/diagnostics/config-hints';
import { getEnv } from '@/lib/env';
import { placesOf } from '@/lib/geo/place-of';
import { type Deadline, managementCall } from '@/lib/management/client';
import { isPlanRefusal } from '@/lib/management/errors';
import { mapSessions, sessionIp } from './map-sessions';
import type { SessionsView } from './types';

type Session = Management.SessionResponseContent;

// Auth0 pages a user's sessions with a cursor. A person has a handful; read at most a few pages
// of 100 so a pathological account cannot make one page load spend the tenant's budget.
const TAKE = 100;
const MAX_PAGES = 5;

/** The user's Auth0 sessions, normally in one request. */
export async function listSessions(userId: string, deadline?: Deadline): Promise<Session[]> {
  const sessions: Session[] = [];
  let from: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await managementCall(
      (mgmt, options) =>
        mgmt.users.sessions.list(userId, { take: TAKE, ...(from ? { from } : {}) }, options),
      { deadline },
    );
    sessions.push(...result.data);
    from = result.response.next || undefined;
    if (!from) break;
  }
  return sessions;
}

/** "Where you're signed in", as GET /api/sessions and the page show it. */
export async function getSessions(
  userId: string,
  currentSid: string | null,
): Promise<SessionsView> {
  try {
    const sessions = await listSessions(userId);
    const places = await placesOf(sessions.map(sessionIp));
    return {
      sessions: mapSessions(sessions, currentSid, getEnv().auth0.clientId, places),
      notOnPlan: false,
    };
  } catch (error) {
    // Not an error for the person: the tenant's plan has no sessions, so the section says so.
    if (!isPlanRefusal(error)) throw error;
    reportConfig('plan_sessions');
    return { sessions: [], notOnPlan: true };
  }
}
