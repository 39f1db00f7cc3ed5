'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
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

type AdminT = ReturnType<typeof useTranslations<'admin'>>;

function dialogCopy(
  t: AdminT,
  action: KeyAction,
): { title: string; confirm: string; body: string[] } {
  switch (action.kind) {
    case 'rotate':
      return {
        title: t('dialog.rotate.title'),
        confirm: t('dialog.rotate.confirm'),
        body: [t('dialog.rotate.body1'), t('dialog.rotate.body2'), t('dialog.rotate.body3')],
      };
    case 'revoke':
      return {
        title: t('dialog.revoke.title'),
        confirm: t('dialog.revoke.confirm'),
        body: [t('dialog.revoke.body1', { kid: action.kid }), t('dialog.revoke.body2')],
      };
    case 'rotate-and-revoke':
      return {
        title: t('dialog.rotate-and-revoke.title'),
        confirm: t('dialog.rotate-and-revoke.confirm'),
        body: [
          t('dialog.rotate-and-revoke.body1'),
          t('dialog.rotate-and-revoke.body2'),
          t('dialog.rotate-and-revoke.body3'),
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
  // A refused rotation (joined to one made moments before) is not a success: shown as a warning.
  const [warning, setWarning] = useState(false);
  const t = useTranslations('admin');
  const common = useTranslations('common');
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
    setWarning(false);
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
    setWarning(false);
    const result = await runAction(apiBase, action);
    if (!result.ok && result.status === 401 && result.code === 'reauth_required') {
      setStatus(t('reauth'));
      window.location.assign(buildReauthUrl(loginUrl, returnTo, actionToResume(action)));
      return;
    }
    setBusy(false);
    setPending(null);
    setFocusOutcome((n) => n + 1);
    if (result.ok) {
      if (result.collapsed) {
        const seconds = result.retryAfterSeconds ?? 60;
        setWarning(true);
        setStatus(
          action.kind === 'rotate-and-revoke'
            ? t('collapsedRevoke', { seconds })
            : t('collapsed', { seconds }),
        );
      } else {
        setStatus(t(`success.${action.kind}`));
      }
      if (result.keys) setKeys(result.keys);
      else await reload();
      return;
    }
    setError(result.message);
    // After any failure the table is re-read, so it shows what Auth0 really has now.
    await reload();
  }

  const copy = pending ? dialogCopy(t, pending) : null;
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
          {t('rotate')}
        </button>
        <button
          type="button"
          disabled={busy || !canRotate}
          onClick={() => ask({ kind: 'rotate-and-revoke' })}
          className={dangerButtonClass}
        >
          {t('rotateAndRevoke')}
        </button>
      </div>

      <p
        ref={statusRef}
        role="status"
        aria-live="polite"
        tabIndex={-1}
        data-tone={warning ? 'warning' : status ? 'success' : undefined}
        className={
          warning
            ? 'rounded-[var(--kw-radius)] border border-[var(--kw-warning)] bg-[var(--kw-surface)] p-3 text-sm font-medium text-[var(--kw-text)]'
            : 'min-h-[1.25rem] text-sm text-[var(--kw-success)]'
        }
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
        <p className="text-sm text-[var(--kw-muted)]">{t('none')}</p>
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
        confirmLabel={copy?.confirm ?? ''}
        busyLabel={t('working')}
        cancelLabel={common('cancel')}
        closeLabel={common('close')}
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
