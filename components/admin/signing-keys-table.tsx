'use client';

import { canRevoke, type SigningKeyState } from '@/lib/signing-keys/map-keys';
import { CopyCertButton } from './copy-cert-button';
import { KeyOffIcon } from './icons';
import type { ClientSigningKey } from './signing-keys-api';

const STATE_LABEL: Record<SigningKeyState, string> = {
  current: 'Current',
  next: 'Next',
  previous: 'Previously used',
  revoked: 'Revoked',
};

const STATE_STYLE: Record<SigningKeyState, string> = {
  current: 'border-[var(--kw-success)] text-[var(--kw-success)]',
  next: 'border-[var(--kw-accent)] text-[var(--kw-accent)]',
  previous: 'border-[var(--kw-warning)] text-[var(--kw-warning)]',
  revoked: 'border-[var(--kw-border)] text-[var(--kw-muted)]',
};

function StateBadge({ state }: { state: SigningKeyState }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[state]}`}
    >
      {STATE_LABEL[state]}
    </span>
  );
}

// UTC and fixed format: the server and the browser render the same text (no hydration mismatch).
function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="text-[var(--kw-muted)]">—</span>;
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`}</time>;
}

function Mono({ value }: { value: string }) {
  return <code className="font-mono text-xs break-all">{value}</code>;
}

type RowActionsProps = {
  keyView: ClientSigningKey;
  disabled: boolean;
  onRevoke: (kid: string) => void;
};

function RowActions({ keyView, disabled, onRevoke }: RowActionsProps) {
  return (
    <div className="flex flex-col items-start gap-2">
      <CopyCertButton cert={keyView.cert} kid={keyView.kid} />
      {canRevoke(keyView.state) && (
        <button
          type="button"
          disabled={disabled}
          onClick={() => onRevoke(keyView.kid)}
          aria-label={`Revoke key ${keyView.kid}`}
          className="inline-flex items-center gap-1.5 rounded-md border border-[var(--kw-danger)] px-2.5 py-1.5 text-sm text-[var(--kw-danger)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-[var(--kw-focus)] disabled:opacity-60"
        >
          <KeyOffIcon />
          Revoke
        </button>
      )}
    </div>
  );
}

type TableProps = { keys: ClientSigningKey[]; busy: boolean; onRevoke: (kid: string) => void };

/** A table from 1024 px up, and one card per key below, so 360 px screens need no sideways scroll. */
export function SigningKeysTable({ keys, busy, onRevoke }: TableProps) {
  const th =
    'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-[var(--kw-muted)]';
  const td = 'px-3 py-3 align-top text-sm';
  return (
    <>
      <table className="hidden w-full border-collapse lg:table">
        <caption className="sr-only">Tenant signing keys, current first</caption>
        <thead>
          <tr className="border-b border-[var(--kw-border)]">
            <th scope="col" className={th}>
              Key id (kid)
            </th>
            <th scope="col" className={th}>
              State
            </th>
            <th scope="col" className={th}>
              Current since
            </th>
            <th scope="col" className={th}>
              Current until
            </th>
            <th scope="col" className={th}>
              Revoked at
            </th>
            <th scope="col" className={th}>
              Fingerprint / thumbprint
            </th>
            <th scope="col" className={th}>
              Actions
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr
              key={k.kid}
              data-kid={k.kid}
              data-state={k.state}
              className="border-b border-[var(--kw-border)]"
            >
              <th scope="row" className={`${td} text-left font-normal`}>
                <Mono value={k.kid} />
              </th>
              <td className={td}>
                <StateBadge state={k.state} />
              </td>
              <td className={td}>
                <When iso={k.currentSince} />
              </td>
              <td className={td}>
                <When iso={k.currentUntil} />
              </td>
              <td className={td}>
                <When iso={k.revokedAt} />
              </td>
              <td className={`${td} max-w-[16rem]`}>
                <div>
                  <span className="text-[var(--kw-muted)]">Fingerprint </span>
                  <Mono value={k.fingerprint} />
                </div>
                <div className="mt-1">
                  <span className="text-[var(--kw-muted)]">Thumbprint </span>
                  <Mono value={k.thumbprint} />
                </div>
              </td>
              <td className={td}>
                <RowActions keyView={k} disabled={busy} onRevoke={onRevoke} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <ul className="space-y-3 lg:hidden" aria-label="Tenant signing keys, current first">
        {keys.map((k) => (
          <li
            key={k.kid}
            data-kid={k.kid}
            data-state={k.state}
            className="rounded-lg border border-[var(--kw-border)] bg-[var(--kw-surface)] p-4"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <Mono value={k.kid} />
              <StateBadge state={k.state} />
            </div>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-[var(--kw-muted)]">Current since</dt>
              <dd>
                <When iso={k.currentSince} />
              </dd>
              <dt className="text-[var(--kw-muted)]">Current until</dt>
              <dd>
                <When iso={k.currentUntil} />
              </dd>
              <dt className="text-[var(--kw-muted)]">Revoked at</dt>
              <dd>
                <When iso={k.revokedAt} />
              </dd>
              <dt className="text-[var(--kw-muted)]">Fingerprint</dt>
              <dd>
                <Mono value={k.fingerprint} />
              </dd>
              <dt className="text-[var(--kw-muted)]">Thumbprint</dt>
              <dd>
                <Mono value={k.thumbprint} />
              </dd>
            </dl>
            <div className="mt-3">
              <RowActions keyView={k} disabled={busy} onRevoke={onRevoke} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
