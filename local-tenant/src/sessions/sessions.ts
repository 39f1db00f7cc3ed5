import type { AdapterPayload } from 'oidc-provider';
import { APP_CLIENT_ID } from '../config';
import { SEEDED_SESSIONS } from '../seed-data';
import type { Tenant } from '../tenant';
import { sendBackchannelLogout } from './backchannel';

// The tenant's sessions are oidc-provider's own Session records (in the tenant's OidcStore): the
// ones browsers hold through the tenant's session cookie. The Management API lists and ends these,
// so ending one really ends it: that browser must sign in again at the tenant.

const SESSION = 'Session';
const DAY_MS = 24 * 60 * 60 * 1000;
/** oidc-provider's `ttl.Session` (provider.ts): each use extends the session by this much. */
export const SESSION_TTL_SECONDS = 3 * 86_400;

export interface TenantSession {
  /** oidc-provider's session `uid`: stable for the session's life, and its `sid` everywhere. */
  id: string;
  /** oidc-provider's record id (its cookie value), which changes on every sign-in. */
  recordId: string;
  userId: string;
  clientIds: string[];
  loginTs: number | null;
  /** Milliseconds since the epoch; null = no expiry. */
  expiresAt: number | null;
}

function toSession(recordId: string, payload: AdapterPayload, expiresAt: number | null) {
  const { uid, accountId, loginTs, authorizations } = payload as AdapterPayload & {
    authorizations?: Record<string, unknown>;
  };
  if (typeof uid !== 'string' || typeof accountId !== 'string' || accountId === '') return null;
  return {
    id: uid,
    recordId,
    userId: accountId,
    clientIds: Object.keys(authorizations ?? {}),
    loginTs: typeof loginTs === 'number' ? loginTs : null,
    expiresAt,
  } satisfies TenantSession;
}

/** Every live session with a signed-in account (oidc-provider also keeps anonymous ones). */
export function liveSessions(tenant: Tenant): TenantSession[] {
  const { oidcStore } = tenant;
  const sessions: TenantSession[] = [];
  for (const key of [...oidcStore.entries.keys()]) {
    if (!key.startsWith(`${SESSION}:`)) continue;
    const payload = oidcStore.get(key);
    const entry = oidcStore.entries.get(key);
    if (!payload || !entry) continue;
    const session = toSession(key.slice(SESSION.length + 1), payload, entry.expiresAt);
    if (session) sessions.push(session);
  }
  tenant.sessionActivity.retainOnly(new Set(sessions.map((s) => s.id)));
  return sessions;
}

export function findSession(tenant: Tenant, id: string): TenantSession | undefined {
  return liveSessions(tenant).find((s) => s.id === id);
}

function removeRecord(tenant: Tenant, session: TenantSession): void {
  tenant.oidcStore.entries.delete(`${SESSION}:${session.recordId}`);
  tenant.oidcStore.uids.delete(`${SESSION}:${session.id}`);
  tenant.sessionActivity.forget(session.id);
}

/**
 * Ends a session: its record goes (the browser holding it must sign in again) and every
 * application it covered gets an OIDC back-channel logout token. Resolves once those deliveries
 * have been answered or have failed; a failed delivery is logged, never retried.
 */
export async function endSession(tenant: Tenant, session: TenantSession): Promise<void> {
  removeRecord(tenant, session);
  await sendBackchannelLogout(tenant, session);
}

/**
 * Ends every session of `userId`; `notify: false` ends them without logout tokens (a password
 * change when the application did not subscribe to that back-channel logout initiator).
 */
export async function endUserSessions(
  tenant: Tenant,
  userId: string,
  { notify = true }: { notify?: boolean } = {},
): Promise<void> {
  const sessions = liveSessions(tenant).filter((s) => s.userId === userId);
  for (const session of sessions) removeRecord(tenant, session);
  if (notify) await Promise.all(sessions.map((s) => sendBackchannelLogout(tenant, s)));
}

/**
 * Forgets every session and puts back the seeded ones (SEEDED_SESSIONS): at start, where memory
 * starts empty, and on /_local/reset. No application is told: this is a test control.
 */
export async function seedSessions(tenant: Tenant, now = Date.now()): Promise<void> {
  for (const session of liveSessions(tenant)) removeRecord(tenant, session);
  tenant.sessionActivity.clear();
  const provider = tenant.providers.current();
  for (const seeded of SEEDED_SESSIONS) {
    const createdAt = now - seeded.createdDaysAgo * DAY_MS;
    const lastActive = now - seeded.lastActiveDaysAgo * DAY_MS;
    // The type definitions omit the constructor; oidc-provider's models take their payload.
    const Session = provider.Session as unknown as new (
      payload: Record<string, unknown>,
    ) => InstanceType<typeof provider.Session>;
    const session = new Session({
      uid: seeded.id,
      accountId: seeded.userId,
      loginTs: Math.floor(createdAt / 1000),
      authorizations: { [APP_CLIENT_ID]: { sid: seeded.id } },
    });
    // Kept as long as a session last used at `lastActive` would be.
    await session.save(Math.max(60, Math.floor((lastActive - now) / 1000) + SESSION_TTL_SECONDS));
    tenant.sessionActivity.put(seeded.id, {
      userId: seeded.userId,
      createdAt,
      authenticatedAt: createdAt,
      lastInteractedAt: lastActive,
      initialUserAgent: seeded.userAgent,
      initialIp: seeded.ip,
      lastUserAgent: seeded.userAgent,
      lastIp: seeded.ip,
      methods: [{ name: seeded.method, timestamp: createdAt }],
    });
  }
}
