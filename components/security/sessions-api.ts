import { z } from 'zod';
import { callApi, parseWith } from '@/components/api-client';
import { sessionsViewSchema, signedOutOthersSchema } from '@/lib/sessions/types';

// The security page's calls to /api/sessions*.

const sessionUrl = (apiBase: string, id: string) => `${apiBase}/sessions/${encodeURIComponent(id)}`;

export const fetchSessions = (apiBase: string) =>
  callApi(`${apiBase}/sessions`, {}, parseWith(sessionsViewSchema));

/** Resolves to whether it was this browser's own session (this browser is then signed out). */
export const endSessionRequest = (apiBase: string, id: string) =>
  callApi(
    sessionUrl(apiBase, id),
    { method: 'DELETE' },
    (body) => parseWith(z.object({ signedOutHere: z.boolean() }))(body)?.signedOutHere ?? null,
  );

/** Resolves to how many sessions were ended. */
export const signOutOthersRequest = (apiBase: string) =>
  callApi(
    `${apiBase}/sessions/sign-out-others`,
    { method: 'POST' },
    (body) => parseWith(signedOutOthersSchema)(body)?.ended ?? null,
  );
