import { callApi, jsonBody } from '@/components/api-client';
import { isFactor, isFactorsView } from '@/lib/factors/types';
import { arrayOf, type Checked, isString, objectOf, readWith } from '@/lib/shapes/check';

// The security page's calls to /api/factors*.

const asView = readWith(isFactorsView);
const asFactor = (body: unknown) => readWith(objectOf({ factor: isFactor }))(body)?.factor ?? null;
const isAcceptedCredentials = objectOf({
  signal: objectOf({
    groups: arrayOf(
      objectOf({
        rpId: isString,
        userHandle: isString,
        credentials: arrayOf(objectOf({ factorId: isString, credentialId: isString })),
      }),
    ),
  }),
});
export type AcceptedCredentials = Checked<typeof isAcceptedCredentials>['signal'];
const asAccepted = (body: unknown) => readWith(isAcceptedCredentials)(body)?.signal ?? null;

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
