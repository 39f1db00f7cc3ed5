import type { Management } from 'auth0';
import { deviceName } from '@/lib/authenticators/device-name';
import type { ActiveSession } from './types';

type Session = Management.SessionResponseContent;

/** Auth0 types its dates as a string or an object; only an ISO string is a date we can show. */
function dateOf(value: unknown): string | null {
  return typeof value === 'string' && Number.isFinite(Date.parse(value)) ? value : null;
}

const time = (iso: string | null) => (iso === null ? 0 : Date.parse(iso));

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** "Keyward" for this app; the rest counted, since only Keyward's own client id is known here. */
function applications(session: Session, ownClientId: string): string[] {
  const ids = new Set((session.clients ?? []).map((c) => c.client_id).filter(Boolean));
  const names = ids.has(ownClientId) ? ['Keyward'] : [];
  const others = ids.size - names.length;
  if (others > 0) names.push(`${others} other application${others === 1 ? '' : 's'}`);
  return names;
}

/**
 * Auth0 sessions as the page shows them: this browser's first, then the most recently active.
 * Sessions without an id cannot be ended, so they are not shown.
 */
export function mapSessions(
  sessions: readonly Session[],
  currentSid: string | null,
  ownClientId: string,
): ActiveSession[] {
  return sessions
    .filter((s): s is Session & { id: string } => typeof s.id === 'string' && s.id !== '')
    .map((s) => ({
      id: s.id,
      device: deviceName(text(s.device?.last_user_agent) ?? text(s.device?.initial_user_agent)),
      ip: text(s.device?.last_ip) ?? text(s.device?.initial_ip),
      startedAt: dateOf(s.created_at) ?? dateOf(s.authenticated_at),
      lastActiveAt: dateOf(s.last_interacted_at) ?? dateOf(s.updated_at),
      applications: applications(s, ownClientId),
      current: currentSid !== null && s.id === currentSid,
    }))
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        time(b.lastActiveAt) - time(a.lastActiveAt) ||
        a.id.localeCompare(b.id),
    );
}
