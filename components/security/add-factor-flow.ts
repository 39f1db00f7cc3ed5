import {
  browserSupportsWebAuthn,
  type RegistrationResponseJSON,
  startRegistration,
} from '@simplewebauthn/browser';
import { reportKeywardEvent } from '@/components/embed/events';
import type { Factor, FactorsView } from '@/lib/factors/types';
import { localizeServerText, serverText } from '@/lib/i18n/client-catalogue';
import type { Locale } from '@/lib/i18n/config';
import {
  type AddKind,
  type CeremonyFailure,
  classifyCeremonyError,
  requestNameSuggestion,
  requestOptions,
  saveCredential,
} from './add-factor-api';
import { uniqueName } from './unique-name';

// The add controls' round trip, loaded (with the WebAuthn helpers, in one go) when someone starts
// adding: options from the server (Auth0's, for a passkey), the browser's ceremony, then the save
// under a suggested name. Most visits never add a key, so the page's first load carries only the
// buttons.

/** The controls' texts this flow shows (security.add). */
export type AddTexts = {
  unsupported: string;
  prompt: string;
  saving: string;
  timeout: string;
  failure: (failure: CeremonyFailure) => string;
  blocked: string;
};

export type AddOutcome =
  | { done: 'added'; factor: Factor; nameSaved: boolean; view: FactorsView | null }
  /** Stored, but the answer did not carry it: the page says to reload. */
  | { done: 'stored' }
  | { done: 'reauth' }
  | { done: 'failed'; message: string };

const FALLBACK_NAMES = { passkey: 'kindPasskey', 'security-key': 'kindSecurityKey' } as const;

export async function addFactor(
  kind: AddKind,
  {
    apiBase,
    locale,
    takenNames,
    texts,
    progress,
  }: {
    apiBase: string;
    locale: Locale;
    takenNames: readonly string[];
    texts: AddTexts;
    /** The busy line: what the flow is waiting for now. */
    progress: (text: string) => void;
  },
): Promise<AddOutcome> {
  if (!browserSupportsWebAuthn()) return { done: 'failed', message: texts.unsupported };
  const options = await requestOptions(apiBase, kind);
  if (!options.ok) {
    if (options.code === 'reauth_required') return { done: 'reauth' };
    return { done: 'failed', message: options.message };
  }

  progress(texts.prompt);
  const began = Date.now();
  let response: RegistrationResponseJSON;
  try {
    response = await startRegistration({ optionsJSON: options.data });
  } catch (error) {
    const failure = classifyCeremonyError(
      error,
      Date.now() - began,
      options.data.timeout ?? 60_000,
    );
    if (failure === 'blocked') {
      reportKeywardEvent('error', { code: 'webauthn_blocked', message: texts.blocked });
    }
    if (failure === 'cancelled') reportKeywardEvent('add-cancelled', { kind });
    return { done: 'failed', message: texts.failure(failure) };
  }

  progress(texts.saving);
  const suggestion = await requestNameSuggestion(apiBase, kind, response);
  // The server suggests in English ("Security key", "Chrome on Linux"); the page's language
  // has those words. A provider's name ("YubiKey 5 Series") stays as it is.
  const suggested = suggestion.ok
    ? localizeServerText(suggestion.data, locale, {
        only: ['kindPasskey', 'kindSecurityKey', 'device'],
      })
    : serverText(FALLBACK_NAMES[kind], locale);
  const saved = await saveCredential(apiBase, kind, response, uniqueName(suggested, takenNames));
  if (!saved.ok) {
    if (saved.code === 'reauth_required') return { done: 'reauth' };
    if (saved.code === 'challenge_expired') return { done: 'failed', message: texts.timeout };
    return { done: 'failed', message: saved.message };
  }
  if (!saved.data.factor) return { done: 'stored' };
  return {
    done: 'added',
    factor: saved.data.factor,
    nameSaved: saved.data.nameSaved,
    view: saved.data.view,
  };
}
