'use client';

import { useTranslations } from 'use-intl';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ActiveSession } from '@/lib/sessions/types';
import { useDeviceLabel } from './use-device-label';
import { usePlaceLabel } from './use-place-label';

export type SessionsTarget = { kind: 'one'; session: ActiveSession } | { kind: 'others' } | null;

type Props = {
  target: SessionsTarget;
  otherCount: number;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
};

/** Says who will have to sign in again, and that this browser stays signed in (or doesn't). */
export function SessionsDialog({ target, otherCount, busy, error, onConfirm, onClose }: Props) {
  const t = useTranslations('security.sessions.dialog');
  const common = useTranslations('common');
  const deviceLabel = useDeviceLabel();
  const placeLabel = usePlaceLabel();
  const where = (session: ActiveSession) =>
    [placeLabel(session.place), session.ip].filter(Boolean).join(', ');
  const title = !target
    ? ''
    : target.kind === 'others'
      ? t('titleOthers')
      : target.session.current
        ? t('titleThis')
        : t('titleOne', { device: deviceLabel(target.session) });
  return (
    <ConfirmDialog
      open={target !== null}
      title={title}
      confirmLabel={t('confirm')}
      busyLabel={t('busy')}
      cancelLabel={common('cancel')}
      closeLabel={common('close')}
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onCancel={onClose}
    >
      {target?.kind === 'others' ? (
        <>
          <p>{t('others', { count: otherCount })}</p>
          <p>{t('staySignedIn')}</p>
        </>
      ) : target?.session.current ? (
        <p>{t('thisDevice')}</p>
      ) : target ? (
        <>
          <p>
            {where(target.session)
              ? t('fromIp', { device: deviceLabel(target.session), where: where(target.session) })
              : t('thatBrowser')}
          </p>
          <p>{t('unrecognised')}</p>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
