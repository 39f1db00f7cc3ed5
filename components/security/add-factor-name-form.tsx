'use client';

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { checkFactorName } from '@/lib/factors/name-rules';
import { type AddKind, kindNoun } from './add-factor-api';
import { buttonClass, cardClass, primaryButtonClass } from './styles';

type Props = {
  kind: AddKind;
  suggested: string;
  saving: boolean;
  onSave: (name: string) => void;
  onCancel: () => void;
};

/** "Name your new passkey", prefilled with the provider or device; the server's schema checks it. */
export function AddFactorNameForm({ kind, suggested, saving, onSave, onCancel }: Props) {
  const [value, setValue] = useState(suggested);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();

  // The ceremony just finished: put the user in the field, ready to keep or replace the name.
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const parsed = checkFactorName(value);
    if (!parsed.ok) {
      setError(parsed.message);
      inputRef.current?.focus();
      return;
    }
    setError(null);
    onSave(parsed.name);
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={headingId}
      className={`${cardClass} flex flex-col gap-3`}
    >
      {/* Not a heading: the form appears above or inside sections whose heading levels vary. */}
      <p id={headingId} className="text-base font-semibold">
        Name your new {kindNoun(kind)}
      </p>
      <div className="flex flex-col gap-1">
        <label htmlFor={inputId} className="text-sm font-medium">
          Name
        </label>
        <input
          ref={inputRef}
          id={inputId}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !saving) onCancel();
          }}
          maxLength={200}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          readOnly={saving}
          className="min-h-9 w-full min-w-0 rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface)] px-3 py-1.5 text-[var(--kw-text)]"
        />
        {error ? (
          <p id={errorId} className="text-sm text-[var(--kw-danger)]">
            {error}
          </p>
        ) : null}
        <p id={hintId} className="text-sm text-[var(--kw-muted)]">
          Pick a name that helps you recognise it later. You can change it any time.
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButtonClass} aria-disabled={saving || undefined}>
          {saving ? 'Saving…' : `Save ${kindNoun(kind)}`}
        </button>
        <button type="button" className={buttonClass} onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
