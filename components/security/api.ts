import { z } from 'zod';
import { callApi, jsonBody, parseWith } from '@/components/api-client';
import { factorSchema, factorsViewSchema } from '@/lib/factors/types';

// The security page's calls to /api/factors*.

const asView = parseWith(factorsViewSchema);
const asFactor = (body: unknown) =>
  parseWith(z.object({ factor: factorSchema }))(body)?.factor ?? null;
export const acceptedCredentialsSchema = z.object({
  signal: z.object({
    groups: z.array(
      z.object({
        rpId: z.string(),
        userHandle: z.string(),
        credentials: z.array(z.object({ factorId: z.string(), credentialId: z.string() })),
      }),
    ),
  }),
});
export type AcceptedCredentials = z.infer<typeof acceptedCredentialsSchema>['signal'];
const asAccepted = (body: unknown) => parseWith(acceptedCredentialsSchema)(body)?.signal ?? null;

const factorUrl = (apiBase: string, id: string) => `${apiBase}/factors/${encodeURIComponent(id)}`;

export const fetchFactors = (apiBase: string) => callApi(`${apiBase}/factors`, {}, asView);

export const renameFactorRequest = (apiBase: string, id: string, name: string) =>
  callApi(factorUrl(apiBase, id), jsonBody('PATCH', { name }), asFactor);

/**
 * Resolves to the server's pending message for a 202 (not yet confirmed; '' when it sent none,
 * and the page words it), to '' for a 204.
 */
export const removeFactorRequest = (apiBase: string, id: string) =>
  callApi(factorUrl(apiBase, id), { method: 'DELETE' }, (body) =>
    body !== null &&
    typeof body === 'object' &&
    'message' in body &&
    typeof body.message === 'string'
      ? body.message
      : '',
  );

export const fetchAcceptedCredentials = (apiBase: string) =>
  callApi(`${apiBase}/factors/accepted-credentials`, {}, asAccepted);
