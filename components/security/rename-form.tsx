'use client';

import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { checkFactorName } from '@/lib/factors/name-rules';
import type { Factor } from '@/lib/factors/types';
import { renameFactorRequest } from './api';
import { buttonClass, primaryButtonClass } from './styles';

type Props = {
  factor: Factor;
  apiBase: string;
  onDone: (result: { factor: Factor } | { gone: string } | null) => void;
};

/** Inline rename: Enter saves, Escape cancels; the same rule as the server checks the name. */
export function RenameForm({ factor, apiBase, onDone }: Props) {
  const [value, setValue] = useState(factor.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = checkFactorName(value);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    if (parsed.name === factor.name) return onDone(null);
    setSaving(true);
    const result = await renameFactorRequest(apiBase, factor.id, parsed.name);
    setSaving(false);
    if (result.ok) return onDone({ factor: result.data });
    if (result.status === 404) return onDone({ gone: result.message });
    setError(result.message);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone(null);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2">
      <label htmlFor={inputId} className="text-sm font-medium">
        Name
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
          // The user just asked to rename: put them in the field.
          // biome-ignore lint/a11y/noAutofocus: focus follows the user's own action.
          autoFocus
          maxLength={200}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          disabled={saving}
          className="min-h-9 min-w-0 flex-1 rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface)] px-3 py-1.5 text-[var(--kw-text)]"
        />
        <button type="submit" className={primaryButtonClass} disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={() => onDone(null)}
          disabled={saving}
        >
          Cancel
        </button>
      </div>
      {error ? (
        <p id={errorId} className="text-sm text-[var(--kw-danger)]">
          {error}
        </p>
      ) : null}
    </form>
  );
}
