'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { buildReauthUrl, takeResumeMarker } from '@/components/security/reauth';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { dangerButtonClass, primaryButtonClass } from '@/components/ui/styles';
import { RotateIcon } from './icons';
import {
  actionToResume,
  type ClientSigningKey,
  fetchKeys,
  type KeyAction,
  resumeToAction,
  runAction,
} from './signing-keys-api';
import { SigningKeysTable } from './signing-keys-table';

type Props = {
  initialKeys: ClientSigningKey[] | null;
  /** Set when the server could not read the keys for the first render. */
  loadError: string | null;
  apiBase: string;
  loginUrl: string;
  returnTo: string;
};

const SUCCESS: Record<KeyAction['kind'], string> = {
  rotate: 'Rotated. The next key is now current, and Auth0 created a new next key.',
  revoke: 'Revoked. Tokens signed with that key no longer verify, and it has left the JWKS.',
  'rotate-and-revoke':
    'Rotated and revoked. The next key is now current, and the key that was current is revoked.',
};

const COLLAPSED =
  'The keys were rotated less than a minute ago, so they were not rotated again. The table shows them now.';

function dialogCopy(action: KeyAction): { title: string; confirm: string; body: string[] } {
  switch (action.kind) {
    case 'rotate':
      return {
        title: 'Rotate the signing key?',
        confirm: 'Rotate',
        body: [
          'The next key becomes current: Auth0 signs every new token with it from now on, and creates a new next key.',
          'Apps must already trust the next key. It is published in the tenant’s JWKS; apps that cache the JWKS or pin a certificate must have picked it up, or they will reject new tokens.',
          'Tokens signed with the current key keep verifying until you revoke it. Auth0 allows 5 rotations a day.',
        ],
      };
    case 'revoke':
      return {
        title: 'Revoke this previously used key?',
        confirm: 'Revoke key',
        body: [
          `Key ${action.kid} is removed from the JWKS. Tokens and assertions signed with it stop verifying, so anyone still holding one must sign in again.`,
          'A revoked key can never be used again.',
        ],
      };
    case 'rotate-and-revoke':
      return {
        title: 'Rotate and revoke the current key?',
        confirm: 'Rotate & revoke',
        body: [
          'The next key becomes current, and the key that is current now is revoked straight away.',
          'Apps must already trust the next key, which is published in the JWKS. Every token signed with the current key stops verifying, so people may have to sign in again.',
          'Auth0 allows 5 rotations a day.',
        ],
      };
  }
}

/** The signing-keys table with Rotate, Revoke and Rotate & revoke, each behind a confirmation. */
export function SigningKeysPanel({ initialKeys, loadError, apiBase, loginUrl, returnTo }: Props) {
  const [keys, setKeys] = useState<ClientSigningKey[] | null>(initialKeys);
  const [pending, setPending] = useState<KeyAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(loadError);
  // After a confirmed action focus goes to its outcome: the row's Revoke button may be gone, and a
  // closing <dialog> would otherwise hand focus to nothing.
  const [focusOutcome, setFocusOutcome] = useState(0);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focusOutcome > 0) (errorRef.current ?? statusRef.current)?.focus();
  }, [focusOutcome]);

  /** Opens a confirmation; the last outcome would be stale behind it, so it goes. */
  function ask(action: KeyAction) {
    setStatus('');
    setError(null);
    setPending(action);
  }

  const reload = useCallback(async () => {
    const result = await fetchKeys(apiBase);
    if (result.ok) setKeys(result.keys ?? []);
    else setError((previous) => previous ?? result.message);
  }, [apiBase]);

  // Back from the re-auth round trip: reopen the confirmation the person had started.
  useEffect(() => {
    const resume = takeResumeMarker();
    const action = resume ? resumeToAction(resume) : null;
    if (action) setPending(action);
  }, []);

  async function confirm() {
    if (!pending) return;
    const action = pending;
    setBusy(true);
    setError(null);
    setStatus('');
    const result = await runAction(apiBase, action);
    if (!result.ok && result.status === 401 && result.code === 'reauth_required') {
      setStatus('Please sign in again to confirm this change…');
      window.location.assign(buildReauthUrl(loginUrl, returnTo, actionToResume(action)));
      return;
    }
    setBusy(false);
    setPending(null);
    setFocusOutcome((n) => n + 1);
    if (result.ok) {
      setStatus(result.collapsed ? COLLAPSED : SUCCESS[action.kind]);
      if (result.keys) setKeys(result.keys);
      else await reload();
      return;
    }
    setError(result.message);
    // After any failure the table is re-read, so it shows what Auth0 really has now.
    await reload();
  }

  const copy = pending ? dialogCopy(pending) : null;
  const canRotate = keys?.some((k) => k.state === 'next') ?? false;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          disabled={busy || !canRotate}
          onClick={() => ask({ kind: 'rotate' })}
          className={primaryButtonClass}
        >
          <RotateIcon />
          Rotate
        </button>
        <button
          type="button"
          disabled={busy || !canRotate}
          onClick={() => ask({ kind: 'rotate-and-revoke' })}
          className={dangerButtonClass}
        >
          Rotate &amp; revoke
        </button>
      </div>

      <p
        ref={statusRef}
        role="status"
        aria-live="polite"
        tabIndex={-1}
        className="min-h-[1.25rem] text-sm text-[var(--kw-success)]"
      >
        {status}
      </p>
      {error && (
        <p
          ref={errorRef}
          role="alert"
          tabIndex={-1}
          className="rounded-[var(--kw-radius)] border border-[var(--kw-danger)] bg-[var(--kw-surface)] p-3 text-sm text-[var(--kw-danger)]"
        >
          {error}
        </p>
      )}

      {keys === null ? null : keys.length === 0 ? (
        <p className="text-sm text-[var(--kw-muted)]">Auth0 returned no signing keys.</p>
      ) : (
        <SigningKeysTable
          keys={keys}
          busy={busy}
          onRevoke={(kid) => ask({ kind: 'revoke', kid })}
        />
      )}

      <ConfirmDialog
        open={pending !== null}
        title={copy?.title ?? ''}
        confirmLabel={copy?.confirm ?? 'Confirm'}
        busyLabel="Working…"
        cancelLabel="Cancel"
        closeLabel="Close"
        busy={busy}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {copy?.body.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </ConfirmDialog>
    </div>
  );
}
