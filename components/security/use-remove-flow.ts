'use client';

import { useState } from 'react';
import type { Factor, FactorsView } from '@/lib/factors/types';
import { removeFactorRequest } from './api';
import { buildReauthUrl, startReauth } from './reauth';

type Options = {
  apiBase: string;
  loginUrl: string;
  returnTo: string;
  /** `view`: the list after the removal, as the server sent it (null: ask again). */
  onRemoved: (factor: Factor, view: FactorsView | null) => void;
  /** Auth0 took the request but has not confirmed it (202); the message says what that means. */
  onPending: (factor: Factor, message: string) => void;
  onGone: (message: string) => void;
  onRefused: () => void;
};

export const RESUME_REMOVE = 'remove:';

/** The confirmation dialog's state and the DELETE round trip, including re-authentication. */
export function useRemoveFlow({
  apiBase,
  loginUrl,
  returnTo,
  onRemoved,
  onPending,
  onGone,
  onRefused,
}: Options) {
  const [target, setTarget] = useState<Factor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function open(factor: Factor) {
    setError(null);
    setBusy(false);
    setTarget(factor);
  }

  function close() {
    if (busy) return;
    setTarget(null);
    setError(null);
  }

  async function confirm(factor: Factor) {
    setBusy(true);
    setError(null);
    const result = await removeFactorRequest(apiBase, factor.id);
    if (result.ok) {
      setBusy(false);
      setTarget(null);
      const removal = result.data;
      if (removal.pending) {
        onPending(factor, removal.message);
        return;
      }
      onRemoved(factor, removal.view);
      // The answer carries the credential ids as they were before the delete (afterwards the
      // removed passkey, and with the last one the user handle, would be gone), in one request.
      // Loaded only then (few removals, fewer browsers with the Signal API); best-effort.
      const signal = removal.signal;
      if (signal) {
        void import('./signal').then((s) => s.signalRemaining(signal, factor.id)).catch(() => {});
      }
      return;
    }
    if (result.status === 401) {
      // Too long since sign-in (or signed out): sign in again, then come back to this dialog.
      startReauth(buildReauthUrl(loginUrl, returnTo, `${RESUME_REMOVE}${factor.id}`));
      return;
    }
    setBusy(false);
    if (result.status === 404) {
      setTarget(null);
      onGone(result.message);
      return;
    }
    setError(result.message);
    if (result.status === 409) onRefused();
  }

  return { target, error, busy, open, close, confirm };
}
