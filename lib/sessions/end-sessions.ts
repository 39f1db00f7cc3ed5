import 'server-only';
import { ManagementError } from 'auth0';
import { deviceName } from '@/lib/authenticators/device-name';
import { ApiError, errors } from '@/lib/core/errors';
import { log } from '@/lib/core/log';
import { placeOf } from '@/lib/geo/place-of';
import { type Deadline, deadlineIn, managementCall } from '@/lib/management/client';
import { classifyWriteFailure } from '@/lib/management/errors';
import { notifyChange } from '@/lib/notifications/notify';
import { listSessions } from './get-sessions';
import { sessionIp } from './map-sessions';
import { endLocalSessions, endOtherLocalSessions } from './store';

// Ending sessions at Auth0. Auth0 then sends its back-channel logout tokens; Keyward also ends its
// own sessions made from them at once, so it never depends on that delivery.
//
// No per-user lock: ending a session cannot lock anyone out, and doing it twice is harmless.
// Every DELETE is still sent once (writes are never retried), and one whose answer was lost is
// settled by a fresh read, as removals are.

/** Every Auth0 call of one request, sign-out-others included, ends within this. */
const WORK_BUDGET_MS = 20_000;
/** Kept back from the DELETEs for the read that learns what a lost one did. */
const REREAD_RESERVE_MS = 4000;

export const ALREADY_ENDED = 'That session has already ended.';

const outcomeUnknown = () =>
  new ApiError(
    503,
    'outcome_unknown',
    'Auth0 has not confirmed that the session ended. Refresh the list in a moment to see whether it did.',
    { 'retry-after': '5' },
  );

/** Which of `ids` are gone, by a fresh read; null when even the read fails. */
async function allGone(userId: string, ids: readonly string[], deadline: Deadline) {
  try {
    const listed = new Set((await listSessions(userId, deadline)).map((s) => s.id));
    return ids.every((id) => !listed.has(id));
  } catch {
    return null;
  }
}

/** Sends one write; an error that leaves its outcome open is settled by whether `ids` are gone. */
async function settledWrite(
  userId: string,
  ids: readonly string[],
  deadline: Deadline,
  write: Parameters<typeof managementCall<void>>[0],
): Promise<void> {
  try {
    await managementCall(write, { write: true, deadline: { at: deadline.at - REREAD_RESERVE_MS } });
  } catch (error) {
    // Gone between our read and the DELETE: what was asked for.
    if (error instanceof ManagementError && error.statusCode === 404) return;
    const failure = classifyWriteFailure(error);
    if (failure === 'not_done') throw error;
    const gone = await allGone(userId, ids, deadline);
    if (gone === true) return;
    if (gone === false && failure === 'check') throw error;
    log('warn', 'session_end_unknown', { userId, failure, count: ids.length });
    throw outcomeUnknown();
  }
}

/**
 * Ends one of the user's sessions. Ids that are not theirs (another user's, made up, already
 * ended) are 404 with nothing sent to Auth0. Ending another device's session is mailed, naming it.
 */
export async function endSession(
  userId: string,
  sessionId: string,
  { current = false }: { current?: boolean } = {},
): Promise<void> {
  const deadline = deadlineIn(WORK_BUDGET_MS);
  const own = await listSessions(userId, deadline);
  const ended = own.find((s) => s.id === sessionId);
  if (!ended) throw errors.notFound(ALREADY_ENDED);
  await settledWrite(userId, [sessionId], deadline, (mgmt, options) =>
    mgmt.sessions.delete(sessionId, options),
  );
  await endLocalSessions(sessionId);
  log('info', 'session_ended', { userId });
  // The mail and the activity row name the session by what it was: browser, address, place.
  const ip = sessionIp(ended);
  const session = {
    device: deviceName(ended.device?.last_user_agent ?? ended.device?.initial_user_agent),
    ip,
  };
  await notifyChange({
    kind: 'session_signed_out',
    userId,
    details: { session: { ...session, place: await placeOf(ip) } },
    record: { kind: 'sessionEnded', sessionIds: [sessionId], session },
    // Signing this browser out is not news to the person doing it.
    mail: !current,
  });
}

/**
 * Ends every session of the user but this browser's; resolves to how many Auth0 sessions ended.
 * One DELETE per session: Auth0's "delete all of a user's sessions" would end this one too, so it
 * is used only when this browser's session is not among them any more.
 */
export async function endOtherSessions(userId: string, currentSid: string | null) {
  const deadline = deadlineIn(WORK_BUDGET_MS);
  const sessions = await listSessions(userId, deadline);
  const others = sessions
    .map((s) => s.id)
    .filter((id): id is string => typeof id === 'string' && id !== '' && id !== currentSid);
  const currentListed = currentSid !== null && sessions.some((s) => s.id === currentSid);

  if (others.length > 0 && !currentListed) {
    await settledWrite(userId, others, deadline, (mgmt, options) =>
      mgmt.users.sessions.delete(userId, options),
    );
    for (const id of others) await endLocalSessions(id);
  } else {
    for (const id of others) {
      await settledWrite(userId, [id], deadline, (mgmt, options) =>
        mgmt.sessions.delete(id, options),
      );
      await endLocalSessions(id);
    }
  }
  // Keyward sessions whose Auth0 session ended without Keyward hearing of it go too.
  if (currentSid !== null) await endOtherLocalSessions(userId, currentSid);
  log('info', 'other_sessions_ended', { userId, count: others.length });
  await notifyChange({
    kind: 'sessions_signed_out',
    userId,
    details: { count: others.length },
    record: { kind: 'sessionEnded', sessionIds: others, session: null },
  });
  return others.length;
}
