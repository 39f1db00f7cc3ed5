/**
 * What Auth0 keeps about a session beyond oidc-provider's own record: the device it was started
 * and last used on, when it was last used, and how the person signed in. Keyed by the session id
 * (oidc-provider's session `uid`, which is also the `sid` in ID and logout tokens).
 */
export interface SessionActivity {
  userId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  authenticatedAt: number;
  lastInteractedAt: number;
  initialUserAgent: string | null;
  initialIp: string | null;
  lastUserAgent: string | null;
  lastIp: string | null;
  /** Auth0's `authentication.methods`: "pwd", "passkey", "federated", with when they happened. */
  methods: { name: string; timestamp: number }[];
}

export interface Interaction {
  userId: string;
  userAgent: string | null;
  ip: string | null;
  at: number;
  /** A completed sign-in (not a silent reuse of the session): how, and when. */
  login?: { method: string | null; at: number };
}

/** Loopback IPv4 in its IPv6 form reads as plain IPv4, as Auth0 shows addresses. */
export function normaliseIp(ip: string | undefined | null): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
}

export class SessionActivityLog {
  readonly #byId = new Map<string, SessionActivity>();

  get(id: string): SessionActivity | undefined {
    return this.#byId.get(id);
  }

  /** Records a use of session `id`; the first one also fills the "initial" fields. */
  record(id: string, seen: Interaction): void {
    const known = this.#byId.get(id);
    const activity: SessionActivity = known ?? {
      userId: seen.userId,
      createdAt: seen.at,
      authenticatedAt: seen.login?.at ?? seen.at,
      lastInteractedAt: seen.at,
      initialUserAgent: seen.userAgent,
      initialIp: seen.ip,
      lastUserAgent: seen.userAgent,
      lastIp: seen.ip,
      methods: [],
    };
    activity.lastInteractedAt = seen.at;
    activity.lastUserAgent = seen.userAgent;
    activity.lastIp = seen.ip;
    if (seen.login) {
      activity.authenticatedAt = seen.login.at;
      if (seen.login.method) {
        activity.methods = [
          ...activity.methods.filter((m) => m.name !== seen.login?.method),
          { name: seen.login.method, timestamp: seen.login.at },
        ];
      }
    }
    this.#byId.set(id, activity);
  }

  /** Stores a complete record (the seeded sessions). */
  put(id: string, activity: SessionActivity): void {
    this.#byId.set(id, activity);
  }

  forget(id: string): void {
    this.#byId.delete(id);
  }

  /** Drops records whose session is gone (expired), so the log stays as small as the sessions. */
  retainOnly(ids: ReadonlySet<string>): void {
    for (const id of this.#byId.keys()) if (!ids.has(id)) this.#byId.delete(id);
  }

  clear(): void {
    this.#byId.clear();
  }
}
