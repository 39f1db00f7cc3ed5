'use client';

import { useTranslations } from 'use-intl';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { usePageLocale } from '@/components/use-page-locale';
import type { ProtectionDrop } from '@/lib/factors/checkup';
import type { Factor } from '@/lib/factors/types';
import { displayName } from './display-name';
import { dropWarning } from './protection-text';

type Props = {
  factor: Factor | null;
  busy: boolean;
  /** The server's refusal (409) or another failure, shown inside the dialog. */
  error: string | null;
  /** What the account is left with, when removing this one lowers its protection. */
  drop: ProtectionDrop | null;
  onConfirm: (factor: Factor) => void;
  onClose: () => void;
};

// What happens to the thing itself, which Keyward cannot touch: a passkey lives on in the
// password manager, a security key keeps working everywhere else it is registered.
const AFTERWARDS = { passkey: 'passkey', 'security-key': 'securityKey', totp: 'totp' } as const;

/** Names the key, says what removing it does and doesn't do, and what the account is left with. */
export function RemoveDialog({ factor, busy, error, drop, onConfirm, onClose }: Props) {
  const t = useTranslations('security');
  const common = useTranslations('common');
  const locale = usePageLocale();
  const afterwards =
    factor &&
    (factor.kind === 'passkey' || factor.kind === 'security-key' || factor.kind === 'totp')
      ? AFTERWARDS[factor.kind]
      : null;
  return (
    <ConfirmDialog
      open={factor !== null}
      title={factor ? t('remove.title', { name: displayName(factor, locale) }) : ''}
      confirmLabel={t('remove.confirm')}
      busyLabel={t('remove.busy')}
      cancelLabel={common('cancel')}
      closeLabel={common('close')}
      busy={busy}
      error={error}
      onConfirm={() => factor && onConfirm(factor)}
      onCancel={onClose}
    >
      {factor ? (
        <>
          <p>{t('remove.body', { name: displayName(factor, locale) })}</p>
          {afterwards ? <p>{t(`remove.${afterwards}`)}</p> : null}
          {drop && !error ? (
            <p
              data-protection-drop=""
              className="rounded-[var(--kw-radius)] border border-[var(--kw-warning)] px-3 py-2 font-medium"
            >
              {dropWarning(drop, t, locale)}
            </p>
          ) : null}
        </>
      ) : null}
    </ConfirmDialog>
  );
}
