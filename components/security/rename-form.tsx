'use client';

import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { buttonClass, primaryButtonClass } from '@/components/ui/styles';
import { usePageLocale } from '@/components/use-page-locale';
import { MAX_NAME_LENGTH, nameLength } from '@/lib/factors/name-length';
import type { Factor } from '@/lib/factors/types';
import { localizeServerText } from '@/lib/i18n/client-catalogue';
import { commonText } from '@/lib/i18n/document-locale';
import { renameFactorRequest } from './api';

// The name rule's Unicode tables load with the first form opened, not with the page.
const loadRule = () => import('@/lib/factors/name-rules');

export type RenameResult = { factor: Factor } | { gone: string } | null;

type Props = {
  factor: Factor;
  apiBase: string;
  /** Just added and stored under a suggested name: the form invites a better one. */
  fresh?: boolean;
  onDone: (result: RenameResult) => void;
};

/** Inline rename: Enter saves, Escape cancels; the same rule as the server checks the name. */
export function RenameForm({ factor, apiBase, fresh = false, onDone }: Props) {
  const [value, setValue] = useState(factor.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();
  const counterId = useId();
  const t = useTranslations('security.rename');
  const common = useTranslations('common');
  const locale = usePageLocale();

  // The user asked to rename, or the key was just added: put them in the field, name selected,
  // ready to keep or replace.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
    loadRule().catch(() => {});
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    let rule: Awaited<ReturnType<typeof loadRule>>;
    try {
      rule = await loadRule();
    } catch {
      // Offline or a new deploy: nothing was sent, and the person may try again.
      setError(commonText('network'));
      return;
    }
    const parsed = rule.checkFactorName(value);
    if (!parsed.ok) {
      // The shared rule words its refusals in English, as the server's; the catalogue has them.
      setError(localizeServerText(parsed.message, locale));
      input.current?.focus();
      return;
    }
    // A valid name clears the last refusal: no "Enter a name." beside a name being saved.
    setError(null);
    if (parsed.name === factor.name) return onDone(null);
    setSaving(true);
    const result = await renameFactorRequest(apiBase, factor.id, parsed.name);
    setSaving(false);
    if (result.ok) return onDone({ factor: result.data });
    if (result.status === 404) return onDone({ gone: result.message });
    setError(result.message);
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && !saving) {
      event.preventDefault();
      onDone(null);
    }
  }

  const describedBy = [error ? errorId : null, fresh ? hintId : null, counterId]
    .filter(Boolean)
    .join(' ');
  // Counted as the rule counts (NFC, trimmed, UTF-16 units: what Auth0 may count).
  const used = nameLength(value);
  const left = MAX_NAME_LENGTH - used;

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2">
      <label htmlFor={inputId} className="text-sm font-medium">
        {t('label')}
      </label>
      {fresh ? (
        <p id={hintId} className="text-sm text-[var(--kw-muted)]">
          {t('hint')}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <input
          ref={input}
          id={inputId}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
          maxLength={200}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          readOnly={saving}
          className="min-h-9 min-w-0 flex-1 basis-48 rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface)] px-3 py-1.5 text-[var(--kw-text)]"
        />
        <button type="submit" className={primaryButtonClass} aria-disabled={saving || undefined}>
          {saving ? t('saving') : t('save')}
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => onDone(null)}
          disabled={saving}
        >
          {fresh ? t('keep') : common('cancel')}
        </button>
      </div>
      <p
        id={counterId}
        className={`text-sm ${left < 0 ? 'text-[var(--kw-danger)]' : 'text-[var(--kw-muted)]'}`}
      >
        {t('counter', { used, max: MAX_NAME_LENGTH })}
      </p>
      {/* Spoken only near the limit, politely: not a count after every key press. */}
      <p aria-live="polite" className="sr-only">
        {left <= 5 ? (left >= 0 ? t('left', { count: left }) : t('over', { count: -left })) : ''}
      </p>
      {error ? (
        <p id={errorId} className="text-sm text-[var(--kw-danger)]">
          {error}
        </p>
      ) : null}
    </form>
  );
}
