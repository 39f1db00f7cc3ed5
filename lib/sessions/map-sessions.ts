import type { Management } from 'auth0';
import { deviceName } from '@/lib/authenticators/device-name';
import { deviceType } from '@/lib/authenticators/device-type';
import type { Place } from '@/lib/geo/types';
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

/** The address Auth0 last saw the session from (else the one it started from). */
export function sessionIp(session: Session): string | null {
  return text(session.device?.last_ip) ?? text(session.device?.initial_ip);
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
  places: ReadonlyMap<string, Place | null> = new Map(),
): ActiveSession[] {
  return sessions
    .filter((s): s is Session & { id: string } => typeof s.id === 'string' && s.id !== '')
    .map((s) => {
      const userAgent = text(s.device?.last_user_agent) ?? text(s.device?.initial_user_agent);
      const ip = sessionIp(s);
      return {
        id: s.id,
        device: deviceName(userAgent),
        deviceType: deviceType(userAgent),
        ip,
        place: (ip && places.get(ip)) || null,
        startedAt: dateOf(s.created_at) ?? dateOf(s.authenticated_at),
        lastActiveAt: dateOf(s.last_interacted_at) ?? dateOf(s.updated_at),
        applications: applications(s, ownClientId),
        current: currentSid !== null && s.id === currentSid,
      };
    })
    .sort(
      (a, b) =>
        Number(b.current) - Number(a.current) ||
        time(b.lastActiveAt) - time(a.lastActiveAt) ||
        a.id.localeCompare(b.id),
    );
}
