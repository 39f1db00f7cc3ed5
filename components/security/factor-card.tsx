'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { Factor } from '@/lib/factors/types';
import { FactorIcon } from './icons';
import { RenameForm } from './rename-form';
import { buttonClass, cardClass, dangerButtonClass, mutedClass } from './styles';
import { Created, LastUsed } from './time-text';

type Props = {
  factor: Factor;
  now: number;
  apiBase: string;
  highlighted: boolean;
  canRename: boolean;
  onRenamed: (factor: Factor) => void;
  onGone: (message: string) => void;
  onRemove: (factor: Factor) => void;
};

function SyncBadge({ synced }: { synced: boolean | null }) {
  if (synced === null) return null;
  return (
    <span className="rounded-full border border-[var(--kw-border)] px-2 py-0.5 text-xs font-medium text-[var(--kw-text)]">
      {synced ? 'Synced' : 'This device only'}
    </span>
  );
}

/** One passkey, security key or other method: a card on narrow screens, a row on wide ones. */
export function FactorCard({
  factor,
  now,
  apiBase,
  highlighted,
  canRename,
  onRenamed,
  onGone,
  onRemove,
}: Props) {
  const [editing, setEditing] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLLIElement>(null);
  const nameId = useId();
  const reasonId = useId();

  useEffect(() => {
    if (highlighted) card.current?.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);

  const showProvider = factor.provider !== null && factor.provider !== factor.name;
  const blocked = !factor.removable && factor.blockedReason !== null;

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
        <div className="flex min-w-0 gap-3">
          <span className="mt-0.5 shrink-0 text-[var(--kw-accent)]">
            <FactorIcon kind={factor.kind} synced={factor.synced} />
          </span>
          <div className="flex min-w-0 flex-col gap-1">
            <div className="flex flex-wrap items-center gap-2">
              <h3 id={nameId} className="break-words font-medium">
                {factor.name}
              </h3>
              <SyncBadge synced={factor.synced} />
              {highlighted ? (
                <span className="rounded-full bg-[var(--kw-accent)] px-2 py-0.5 text-xs font-medium text-[var(--kw-accent-text)]">
                  Just added
                </span>
              ) : null}
            </div>
            {showProvider ? <p className={mutedClass}>Provider: {factor.provider}</p> : null}
            {factor.device ? <p className={mutedClass}>Device: {factor.device}</p> : null}
            <Created iso={factor.createdAt} />
            {factor.kind === 'password' ? null : <LastUsed iso={factor.lastUsedAt} now={now} />}
            {editing ? (
              <RenameForm
                factor={factor}
                apiBase={apiBase}
                onDone={(result) => {
                  setEditing(false);
                  if (result && 'factor' in result) onRenamed(result.factor);
                  if (result && 'gone' in result) onGone(result.gone);
                  queueMicrotask(() => renameButton.current?.focus());
                }}
              />
            ) : null}
            {blocked ? (
              <p id={reasonId} className="text-sm text-[var(--kw-text)]">
                {factor.blockedReason}
              </p>
            ) : null}
          </div>
        </div>
        {factor.kind === 'password' ? null : (
          <div className="flex shrink-0 flex-wrap gap-2">
            {canRename && !editing ? (
              <button
                ref={renameButton}
                type="button"
                className={buttonClass}
                onClick={() => setEditing(true)}
              >
                Rename<span className="sr-only"> {factor.name}</span>
              </button>
            ) : null}
            <button
              type="button"
              className={dangerButtonClass}
              aria-describedby={blocked ? reasonId : undefined}
              disabled={!factor.removable}
              onClick={() => onRemove(factor)}
            >
              {/* Names via hidden text, not aria-label, so "Rename"/"Remove" stay in the name and
                  getByLabel('Name') style lookups only ever find real form fields. */}
              Remove<span className="sr-only"> {factor.name}</span>
            </button>
          </div>
        )}
      </article>
    </li>
  );
}
