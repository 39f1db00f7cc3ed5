'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslations } from 'use-intl';
import {
  buttonClass,
  cardClass,
  dangerButtonClass,
  mutedClass,
  unavailableButtonClass,
} from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import type { Factor, KeyTransport } from '@/lib/factors/types';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import { displayName } from './display-name';
import { FactorIcon, LockIcon } from './icons';
import { RenameForm, type RenameResult } from './rename-form';
import { Created, LastUsed } from './time-text';

export type Renaming = 'edit' | 'fresh' | null;

type Props = {
  factor: Factor;
  now: number;
  apiBase: string;
  highlighted: boolean;
  canRename: boolean;
  /** This card's rename form is open: asked for ('edit'), or right after adding ('fresh'). */
  renaming: Renaming;
  onStartRename: (factor: Factor) => void;
  /** The form closed; `result` is null when nothing changed (cancelled or the same name). */
  onRenameDone: (factor: Factor, result: RenameResult) => void;
  onRemove: (factor: Factor) => void;
};

/** Only passkeys sync. A security key is one physical thing, so it gets no badge at all. */
function SyncBadge({ factor }: { factor: Factor }) {
  const t = useTranslations('security.factor');
  if (factor.kind !== 'passkey' || factor.synced === null) return null;
  return (
    <span className="rounded-full border border-[var(--kw-border)] px-2 py-0.5 text-xs font-medium text-[var(--kw-text)]">
      {factor.synced ? t('synced') : t('deviceOnly')}
    </span>
  );
}

/** "USB and NFC" / "USB und NFC": the key's transports in the page's language. */
function transportList(
  transports: readonly KeyTransport[],
  t: ReturnType<typeof useTranslations<'security.factor'>>,
  locale: string,
): string {
  const names = transports.map((name) => t(`transport.${name}`));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

/** One passkey, security key or other method: a card on narrow screens, a row on wide ones. */
export function FactorCard({
  factor,
  now,
  apiBase,
  highlighted,
  canRename,
  renaming,
  onStartRename,
  onRenameDone,
  onRemove,
}: Props) {
  const renameButton = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLLIElement>(null);
  const returnFocus = useRef(false);
  const nameId = useId();
  const reasonId = useId();
  const t = useTranslations('security.factor');
  const locale = usePageLocale();
  // The server writes default names ("Authenticator app"), derived devices ("Chrome on macOS")
  // and the policy's reasons in English; names a person chose are left as they are.
  const credential = factor.kind === 'passkey' || factor.kind === 'security-key';
  const name = displayName(factor, locale);
  const device = factor.device
    ? localizeServerText(factor.device, locale, { only: ['device'] })
    : null;
  const reason = factor.blockedReason ? localizeServerText(factor.blockedReason, locale) : null;
  const hidden = (chunks: ReactNode) => <span className="sr-only">{chunks}</span>;

  useEffect(() => {
    if (highlighted) card.current?.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);

  // A rename closed without a change: back to the button that opened it, now rendered again.
  useEffect(() => {
    if (renaming === null && returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [renaming]);

  const showProvider = factor.provider !== null && factor.provider !== factor.name;
  const blocked = !factor.removable;

  return (
    <li
      ref={card}
      data-factor-id={factor.id}
      className={`${cardClass} ${highlighted ? 'ring-2 ring-[var(--kw-accent)]' : ''}`}
    >
      <article
        aria-labelledby={nameId}
        className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between"
      >
        <div className="flex min-w-0 flex-1 gap-3">
          <span className="mt-0.5 shrink-0 text-[var(--kw-accent)]">
            <FactorIcon
              kind={factor.kind}
              synced={factor.kind === 'passkey' ? factor.synced : null}
            />
          </span>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <h3 id={nameId} className="break-words font-medium">
                {name}
              </h3>
              <SyncBadge factor={factor} />
              {highlighted ? (
                <span className="rounded-full bg-[var(--kw-accent)] px-2 py-0.5 text-xs font-medium text-[var(--kw-accent-text)]">
                  {t('justAdded')}
                </span>
              ) : null}
            </div>
            {showProvider ? (
              <p className={mutedClass}>{t('provider', { provider: factor.provider ?? '' })}</p>
            ) : null}
            {/* The browser and system it was registered from: for a synced passkey or a USB key
                that is history, not where it lives now. */}
            {credential && device ? (
              <p className={mutedClass}>{t('addedFrom', { device })}</p>
            ) : null}
            {factor.kind === 'security-key' && factor.transports ? (
              <p className={mutedClass}>
                {t('connects', { transports: transportList(factor.transports, t, locale) })}
              </p>
            ) : null}
            <Created iso={factor.createdAt} />
            {factor.kind === 'password' ? null : <LastUsed iso={factor.lastUsedAt} now={now} />}
            {renaming ? (
              <RenameForm
                factor={factor}
                apiBase={apiBase}
                fresh={renaming === 'fresh'}
                onDone={(result) => {
                  returnFocus.current = result === null;
                  onRenameDone(factor, result);
                }}
              />
            ) : null}
            {blocked && reason ? (
              <p id={reasonId} className="flex items-start gap-1.5 text-sm text-[var(--kw-text)]">
                <LockIcon />
                <span>{reason}</span>
              </p>
            ) : null}
          </div>
        </div>
        {factor.kind === 'password' ? null : (
          <div className="flex shrink-0 flex-wrap gap-2">
            {canRename && !renaming ? (
              <button
                ref={renameButton}
                type="button"
                className={buttonClass}
                onClick={() => onStartRename(factor)}
              >
                {t.rich('rename', { name, hidden })}
              </button>
            ) : null}
            {/* Blocked: still focusable (aria-disabled, not disabled) and described by the
                reason, so keyboard and screen-reader users learn why, not only that. */}
            <button
              type="button"
              className={blocked ? unavailableButtonClass : dangerButtonClass}
              aria-disabled={blocked || undefined}
              aria-describedby={blocked && reason ? reasonId : undefined}
              data-action="remove"
              onClick={() => {
                if (!blocked) onRemove(factor);
              }}
            >
              {/* Names via hidden text, not aria-label, so "Rename"/"Remove" stay in the name and
                  getByLabel('Name') style lookups only ever find real form fields. */}
              {t.rich('remove', { name, hidden })}
            </button>
          </div>
        )}
      </article>
    </li>
  );
}
