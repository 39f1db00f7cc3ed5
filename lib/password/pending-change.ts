import 'server-only';
import type { Actor } from '@/lib/core/request-context';

/**
 * How long a password-change ticket works. Auth0's default is 5 days, made for a mail link; this
 * one is opened at once by someone who has just signed in again.
 */
export const PASSWORD_TICKET_TTL_SECONDS = 15 * 60;

/** What Keyward remembers about a ticket it asked for, until the change or the ticket's end. */
export type PendingChange = { at: number; actor: Actor | null };

export const pendingChangeKey = (userId: string) => `password-change:${userId}`;

export function parsePendingChange(value: string | null): PendingChange | null {
  if (value === null) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || !('at' in parsed)) return null;
    const { at, actor } = parsed as { at: unknown; actor?: unknown };
    if (typeof at !== 'number') return null;
    return { at, actor: typeof actor === 'object' && actor !== null ? (actor as Actor) : null };
  } catch {
    return null;
  }
}
