import type { SessionActivity } from './activity';
import type { TenantSession } from './sessions';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A session as Auth0's Management API answers it (the SDK's `SessionResponseContent`). Fields the
 * local tenant cannot know (ASNs, cookie mode, metadata) are left out, as Auth0 leaves out
 * what it lacks.
 */
export function sessionView(session: TenantSession, activity: SessionActivity | undefined) {
  const created = activity?.createdAt ?? (session.loginTs ?? Math.floor(Date.now() / 1000)) * 1000;
  const lastUsed = activity?.lastInteractedAt ?? created;
  const device = {
    ...(activity?.initialUserAgent ? { initial_user_agent: activity.initialUserAgent } : {}),
    ...(activity?.initialIp ? { initial_ip: activity.initialIp } : {}),
    ...(activity?.lastUserAgent ? { last_user_agent: activity.lastUserAgent } : {}),
    ...(activity?.lastIp ? { last_ip: activity.lastIp } : {}),
  };
  return {
    id: session.id,
    user_id: session.userId,
    created_at: iso(created),
    updated_at: iso(lastUsed),
    authenticated_at: iso(activity?.authenticatedAt ?? created),
    last_interacted_at: iso(lastUsed),
    // The tenant forgets an unused session after the idle time; there is no other limit.
    ...(session.expiresAt === null
      ? {}
      : { idle_expires_at: iso(session.expiresAt), expires_at: iso(session.expiresAt) }),
    device,
    clients: session.clientIds.map((client_id) => ({ client_id })),
    authentication: {
      methods: (activity?.methods ?? []).map((m) => ({
        name: m.name,
        timestamp: iso(m.timestamp),
      })),
    },
  };
}

/** Newest first, as a person reads a list of sign-ins; the id breaks ties so paging is stable. */
export function byNewest(a: SessionView, b: SessionView): number {
  return b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id);
}

export type SessionView = ReturnType<typeof sessionView>;
