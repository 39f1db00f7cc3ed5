import { callApi } from '@/components/api-client';
import { isSessionsView, isSignedOutOthers } from '@/lib/sessions/types';
import { isBoolean, objectOf, readWith } from '@/lib/shapes/check';

// The security page's calls to /api/sessions*.

const sessionUrl = (apiBase: string, id: string) => `${apiBase}/sessions/${encodeURIComponent(id)}`;

export const fetchSessions = (apiBase: string) =>
  callApi(`${apiBase}/sessions`, {}, readWith(isSessionsView));

/** Resolves to whether it was this browser's own session (this browser is then signed out). */
export const endSessionRequest = (apiBase: string, id: string) =>
  callApi(
    sessionUrl(apiBase, id),
    { method: 'DELETE' },
    (body) => readWith(objectOf({ signedOutHere: isBoolean }))(body)?.signedOutHere ?? null,
  );

/** Resolves to how many sessions were ended. */
export const signOutOthersRequest = (apiBase: string) =>
  callApi(
    `${apiBase}/sessions/sign-out-others`,
    { method: 'POST' },
    (body) => readWith(isSignedOutOthers)(body)?.ended ?? null,
  );
