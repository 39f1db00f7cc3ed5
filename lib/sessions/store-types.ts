import type { LogoutToken, SessionData, SessionDataStore } from '@auth0/nextjs-auth0/types';

/** nextjs-auth0's session store, with the optional parts Keyward relies on made required. */
export type SessionStore = SessionDataStore & {
  /** Writes only if the session still exists (a rolling write must not revive a logged-out one). */
  update(id: string, session: SessionData): Promise<boolean>;
  /** Ends the sessions a logout token names: by `sid` (and `sub`, when given), else every `sub`'s. */
  deleteByLogoutToken(token: LogoutToken): Promise<void>;
  /** Ends every session of `sub` except those made from the Auth0 session `keepSid`. */
  deleteOtherSessions(sub: string, keepSid: string): Promise<void>;
};
