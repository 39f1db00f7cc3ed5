'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActiveSession } from '@/lib/sessions/types';

export type SessionsTarget = { kind: 'one'; session: ActiveSession } | { kind: 'others' } | null;

type Props = {
  target: SessionsTarget;
  otherCount: number;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
};

export const deviceLabel = (session: ActiveSession) => session.device ?? 'an unknown device';

function title(target: NonNullable<SessionsTarget>): string {
  if (target.kind === 'others') return 'Sign out of all other sessions?';
  return target.session.current
    ? 'Sign out of this device?'
    : `Sign out of ${deviceLabel(target.session)}?`;
}

/** Says who will have to sign in again, and that this browser stays signed in (or doesn't). */
export function SessionsDialog({ target, otherCount, busy, error, onConfirm, onClose }: Props) {
  return (
    <ConfirmDialog
      open={target !== null}
      title={target ? title(target) : ''}
      confirmLabel="Sign out"
      busyLabel="Signing out…"
      cancelLabel="Cancel"
      closeLabel="Close"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onClose}
    >
      {target?.kind === 'others' ? (
        <>
          <p>
            {otherCount === 1
              ? 'The other browser or device signed in to your account'
              : `The ${otherCount} other browsers and devices signed in to your account`}{' '}
            will have to sign in again.
          </p>
          <p>You stay signed in here.</p>
        </>
      ) : target?.session.current ? (
        <p>You will be signed out here and will have to sign in again to use Keyward.</p>
      ) : target ? (
        <>
          <p>
            {target.session.ip
              ? `The session from ${target.session.ip} will have to sign in again.`
              : 'That browser will have to sign in again.'}
          </p>
          <p>
            If you don’t recognise it, also change how you sign in: remove anything unfamiliar
            above.
          </p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
