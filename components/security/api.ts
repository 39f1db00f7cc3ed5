import { callApi, jsonBody } from '@/components/api-client';
import { type FactorsView, isFactor, isFactorsView } from '@/lib/factors/types';
import { arrayOf, type Checked, isRecord, isString, objectOf, readWith } from '@/lib/shapes/check';

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

const factorUrl = (apiBase: string, id: string) => `${apiBase}/factors/${encodeURIComponent(id)}`;

export const fetchFactors = (apiBase: string) => callApi(`${apiBase}/factors`, {}, asView);

export const renameFactorRequest = (apiBase: string, id: string, name: string) =>
  callApi(factorUrl(apiBase, id), jsonBody('PATCH', { name }), asFactor);

export type Removal =
  /** Auth0 has not confirmed it yet (202); '' when the server sent no message, and the page words it. */
  | { pending: true; message: string }
  /**
   * Removed; `view` is the list as it is now, `signal` the Signal API's data from before the
   * removal (each null if the answer didn't carry it).
   */
  | { pending: false; view: FactorsView | null; signal: AcceptedCredentials | null };

export const removeFactorRequest = (apiBase: string, id: string) =>
  callApi(factorUrl(apiBase, id), { method: 'DELETE' }, (body): Removal => {
    if (isRecord(body) && body.pending === true)
      return { pending: true, message: isString(body.message) ? body.message : '' };
    if (!isRecord(body)) return { pending: false, view: null, signal: null };
    return {
      pending: false,
      view: isFactorsView(body.view) ? body.view : null,
      signal: isAcceptedCredentials(body) ? body.signal : null,
    };
  });
