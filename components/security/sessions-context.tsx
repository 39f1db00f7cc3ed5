'use client';

import { createContext, useContext } from 'react';

/** What the rest of the security page may ask of the sessions list (scoped, no global state). */
export type SessionsActions = {
  /** How many sessions other than this browser's are listed; null before the list is read. */
  otherCount: number | null;
  /** Opens the "Sign out of all other sessions?" confirmation. */
  requestSignOutOthers: () => void;
};

export const SessionsActionsContext = createContext<SessionsActions | null>(null);

/** Null outside <SessionsProvider>: a factors panel embedded on its own has no sessions list. */
export function useSessionsActions(): SessionsActions | null {
  return useContext(SessionsActionsContext);
}
