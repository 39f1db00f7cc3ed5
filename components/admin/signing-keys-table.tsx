'use client';

import { useTranslations } from 'use-intl';
import { exactTime } from '@/components/security/relative-time';
import { dangerButtonClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import { canRevoke, type SigningKeyState } from '@/lib/signing-keys/map-keys';
import { CopyCertButton } from './copy-cert-button';
import { KeyOffIcon } from './icons';
import type { ClientSigningKey } from './signing-keys-api';

const STATE_STYLE: Record<SigningKeyState, string> = {
  current: 'border-[var(--kw-success)] text-[var(--kw-success)]',
  next: 'border-[var(--kw-accent)] text-[var(--kw-accent)]',
  previous: 'border-[var(--kw-warning)] text-[var(--kw-warning)]',
  revoked: 'border-dashed border-[var(--kw-muted)] text-[var(--kw-muted)]',
};

function StateBadge({ state }: { state: SigningKeyState }) {
  const t = useTranslations('admin.table');
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[state]}`}
    >
      {t(`states.${state}`)}
    </span>
  );
}

// UTC, through Intl in the page's language: the server and the browser render the same text.
function When({ iso }: { iso: string }) {
  const locale = usePageLocale();
  const t = useTranslations('time');
  return <time dateTime={iso}>{t('exact', { date: exactTime(iso, locale) })}</time>;
}

/** Only the dates a key has: "Current since", "Current until", "Revoked". */
function Dates({ k }: { k: ClientSigningKey }) {
  const t = useTranslations('admin.table');
  const rows: [string, string][] = [];
  if (k.currentSince) rows.push([t('currentSince'), k.currentSince]);
  if (k.currentUntil) rows.push([t('currentUntil'), k.currentUntil]);
  if (k.revokedAt) rows.push([t('revokedAt'), k.revokedAt]);
  if (rows.length === 0) {
    return <p className="text-[var(--kw-muted)]">{k.state === 'next' ? t('notUsedYet') : '—'}</p>;
  }
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
      {rows.map(([label, iso]) => (
        <div key={label} className="contents">
          <dt className="whitespace-nowrap text-[var(--kw-muted)]">{label}</dt>
          <dd>
            <When iso={iso} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The kid, and the certificate's SHA-1 fingerprint below it. Auth0's `thumbprint` is the same
 * hash without colons, so it is not shown twice.
 */
function KeyIdentity({ k }: { k: ClientSigningKey }) {
  const t = useTranslations('admin.table');
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <code className="font-mono text-sm break-all">{k.kid}</code>
      <span className="text-xs text-[var(--kw-muted)]">
        <span className="sr-only">{t('certificate')} </span>SHA-1{' '}
        <code className="font-mono break-all xl:break-normal xl:whitespace-nowrap">
          {k.fingerprint}
        </code>
      </span>
    </div>
  );
}

type RowActionsProps = {
  keyView: ClientSigningKey;
  disabled: boolean;
  onRevoke: (kid: string) => void;
};

function RowActions({ keyView, disabled, onRevoke }: RowActionsProps) {
  const t = useTranslations('admin');
  return (
    <div className="flex flex-wrap items-start gap-2">
      <CopyCertButton cert={keyView.cert} kid={keyView.kid} />
      {canRevoke(keyView.state) && (
        <button
          type="button"
          disabled={disabled}
          onClick={() => onRevoke(keyView.kid)}
          aria-label={t('revokeKey', { kid: keyView.kid })}
          className={dangerButtonClass}
        >
          <KeyOffIcon />
          {t('revoke')}
        </button>
      )}
    </div>
  );
}

// Revoked keys are history: quieter, so the live ones stand out.
const rowTone = (state: SigningKeyState) =>
  state === 'revoked' ? 'bg-[var(--kw-surface-2)] text-[var(--kw-muted)]' : '';

type TableProps = { keys: ClientSigningKey[]; busy: boolean; onRevoke: (kid: string) => void };

/** A table from 1280 px up, and one card per key below, so 360 px screens need no sideways scroll. */
export function SigningKeysTable({ keys, busy, onRevoke }: TableProps) {
  const t = useTranslations('admin.table');
  const th =
    'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-[var(--kw-muted)]';
  const td = 'px-3 py-3 align-top text-sm';
  return (
    <>
      <table className="hidden w-full border-collapse xl:table">
        <caption className="sr-only">{t('caption')}</caption>
        <thead>
          <tr className="border-b border-[var(--kw-border)]">
            <th scope="col" className={th}>
              {t('key')}
            </th>
            <th scope="col" className={th}>
              {t('state')}
            </th>
            <th scope="col" className={th}>
              {t('dates')}
            </th>
            <th scope="col" className={th}>
              {t('actions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr
              key={k.kid}
              data-kid={k.kid}
              data-state={k.state}
              className={`border-b border-[var(--kw-border)] ${rowTone(k.state)}`}
            >
              <th scope="row" className={`${td} text-left font-normal`}>
                <KeyIdentity k={k} />
              </th>
              <td className={td}>
                <StateBadge state={k.state} />
              </td>
              <td className={td}>
                <Dates k={k} />
              </td>
              <td className={td}>
                <RowActions keyView={k} disabled={busy} onRevoke={onRevoke} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <ul className="space-y-3 xl:hidden" aria-label={t('caption')}>
        {keys.map((k) => (
          <li
            key={k.kid}
            data-kid={k.kid}
            data-state={k.state}
            className={`rounded-[var(--kw-radius)] border border-[var(--kw-border)] p-4 ${
              k.state === 'revoked' ? rowTone(k.state) : 'bg-[var(--kw-surface)]'
            }`}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <KeyIdentity k={k} />
              <StateBadge state={k.state} />
            </div>
            <div className="mt-3 text-sm">
              <Dates k={k} />
            </div>
            <div className="mt-3">
              <RowActions keyView={k} disabled={busy} onRevoke={onRevoke} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
