import type { Management } from 'auth0';
import { deviceName } from '@/lib/authenticators/device-name';
import { EVENT_TYPES } from './event-types';
import type { ActivityEntry, ActivityKind } from './types';

type Log = Management.Log;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Auth0 types a log's date as a string or an object; only an ISO string is a time we can show. */
export function dateOf(log: Log): string | null {
  return typeof log.date === 'string' && Number.isFinite(Date.parse(log.date)) ? log.date : null;
}

/** "phr" in a login prompt's performed_amr: a passkey sign-in ("Monitor passkey events…"). */
function usedPasskey(details: unknown): boolean {
  const prompts = isRecord(details) && Array.isArray(details.prompts) ? details.prompts : [];
  return prompts.some(
    (prompt) =>
      isRecord(prompt) &&
      Array.isArray(prompt.performed_amr) &&
      prompt.performed_amr.includes('phr'),
  );
}

const METHOD_PATH = /\/authentication-methods(?:\/([^/]+)(\/verify)?)?\/?$/;
const SESSION_PATH = /\/sessions(?:\/([^/]+))?\/?$/;
const USER_SESSIONS_PATH = /\/users\/[^/]+\/sessions\/?$/;

function decoded(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The method or session an API write was about, from its path (or the My Account event's
 * `authentication_method_id`); null when it names none (a new key, all of a user's sessions).
 */
export function targetOf(log: Log): string | null {
  const details = isRecord(log.details) ? log.details : {};
  const methodId = text(details.authentication_method_id);
  if (methodId) return methodId;
  const request = isRecord(details.request) ? details.request : {};
  const path = text(request.path) ?? '';
  const method = METHOD_PATH.exec(path);
  if (method) return method[2] ? null : decoded(method[1]);
  if (USER_SESSIONS_PATH.test(path)) return null;
  return decoded(SESSION_PATH.exec(path)?.[1]);
}

/** What a Management or My Account API write did, from its method and path; null: not ours to show. */
function fromRequest(details: unknown): ActivityKind | null {
  const request = isRecord(details) && isRecord(details.request) ? details.request : {};
  const method = text(request.method)?.toUpperCase();
  const path = text(request.path) ?? '';
  if (METHOD_PATH.test(path)) {
    if (method === 'POST') return 'methodAdded';
    if (method === 'DELETE') return 'methodRemoved';
    if (method === 'PATCH') return 'methodRenamed';
  }
  if (SESSION_PATH.test(path) && method === 'DELETE') return 'sessionEnded';
  return null;
}

function kindOf(log: Log): ActivityKind | null {
  const rule = log.type ? EVENT_TYPES[log.type] : undefined;
  if (!rule) return null;
  if (rule === 'signIn') return usedPasskey(log.details) ? 'signInPasskey' : 'signIn';
  if (rule !== 'fromRequest') return rule;
  // A My Account event is always about a sign-in method, even when its request is not named.
  return (
    fromRequest(log.details) ??
    (log.type === 'my_account_authentication_method_succeeded' ? 'methodChanged' : null)
  );
}

/**
 * One Auth0 log event as the activity section shows it; null for events a person would not care
 * about, and for events without an id or a readable date.
 */
export function mapLogEvent(log: Log): ActivityEntry | null {
  const kind = kindOf(log);
  const id = text(log.log_id);
  const at = dateOf(log);
  if (!kind || !id || !at) return null;
  // API writes are made by Keyward's server: their address (and for `sapi` the agent) are its
  // own, not the person's ("For management logs like sapi … the IP of the admin").
  const madeThroughApi = log.type !== undefined && EVENT_TYPES[log.type] === 'fromRequest';
  return {
    id,
    kind,
    at,
    device: log.type === 'sapi' ? null : deviceName(text(log.user_agent)),
    ip: madeThroughApi ? null : text(log.ip),
    place: null,
    method: null,
    session: null,
    count: 1,
  };
}
