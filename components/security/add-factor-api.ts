import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { callApi, isRecord, jsonBody } from '@/components/api-client';
import { isPolicyError } from '@/components/embed/permissions';
import { type Factor, type FactorsView, isFactor, isFactorsView } from '@/lib/factors/types';

// The add controls' calls: passkeys go to /api/passkeys (Auth0's My Account API behind it),
// security keys to /api/security-keys, and both ask /api/authenticators for a name.

export type AddKind = 'passkey' | 'security-key';

/** Enough of the options' shape to hand them to the browser; the server built them. */
function isCreationOptions(value: unknown): value is PublicKeyCredentialCreationOptionsJSON {
  return (
    isRecord(value) &&
    typeof value.challenge === 'string' &&
    isRecord(value.rp) &&
    isRecord(value.user) &&
    typeof value.user.id === 'string' &&
    Array.isArray(value.pubKeyCredParams)
  );
}

const post = <T>(url: string, body: unknown, read: (body: unknown) => T | null) =>
  callApi(url, jsonBody('POST', body), read);

const collection = (apiBase: string, kind: AddKind) =>
  `${apiBase}/${kind === 'passkey' ? 'passkeys' : 'security-keys'}`;

export const requestOptions = (apiBase: string, kind: AddKind) =>
  callApi(`${collection(apiBase, kind)}/options`, { method: 'POST' }, (body) =>
    isRecord(body) && isCreationOptions(body.options) ? body.options : null,
  );

export const requestNameSuggestion = (
  apiBase: string,
  kind: AddKind,
  response: RegistrationResponseJSON,
) =>
  post(`${apiBase}/authenticators/name-suggestion`, { kind, response }, (body) =>
    isRecord(body) && typeof body.name === 'string' ? body.name : null,
  );

export type Saved = {
  /** Null in the rare case Auth0 does not list the new method yet. */
  factor: Factor | null;
  /** False when the key was stored but its name could not be set (it shows the provider's). */
  nameSaved: boolean;
  /** The whole list after the addition, when the server sent it: no need to ask again. */
  view: FactorsView | null;
};

export const saveCredential = (
  apiBase: string,
  kind: AddKind,
  response: RegistrationResponseJSON,
  name: string,
) =>
  post(collection(apiBase, kind), { response, name }, (body): Saved | null => {
    if (!isRecord(body) || typeof body.nameSaved !== 'boolean') return null;
    const view = isFactorsView(body.view) ? body.view : null;
    if (body.factor === null) return { factor: null, nameSaved: body.nameSaved, view };
    return isFactor(body.factor) ? { factor: body.factor, nameSaved: body.nameSaved, view } : null;
  });

export type CeremonyFailure =
  | 'cancelled'
  | 'timeout'
  | 'duplicate'
  | 'unsupported'
  | 'blocked'
  | 'failed';

/**
 * What went wrong in navigator.credentials.create(). Browsers report both "cancelled" and "timed
 * out" as NotAllowedError (on purpose, for privacy), so the elapsed time tells them apart.
 */
export function classifyCeremonyError(
  error: unknown,
  elapsedMs: number,
  timeoutMs: number,
): CeremonyFailure {
  const name = error instanceof Error ? error.name : '';
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : '';
  if (name === 'InvalidStateError' || code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    return 'duplicate';
  // A frame without allow=: the browser refused, nobody cancelled (components/embed/permissions.ts).
  if (isPolicyError(error, 'publickey-credentials-create')) return 'blocked';
  if (name === 'NotAllowedError') return elapsedMs >= timeoutMs * 0.95 ? 'timeout' : 'cancelled';
  if (name === 'AbortError') return 'cancelled';
  if (
    name === 'NotSupportedError' ||
    /not supported/i.test(error instanceof Error ? error.message : '')
  ) {
    return 'unsupported';
  }
  return 'failed';
}
