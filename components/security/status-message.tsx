import { type Ref, useImperativeHandle, useRef } from 'react';

export type Status = { tone: 'info' | 'error'; text: string } | null;

/** Lets the panel move focus to whichever message is showing. */
export type StatusHandle = { focus: () => void };

/**
 * The page's live regions. Both stay in the DOM, empty when unused, so screen readers announce
 * each new message. After an action whose control goes away (a removed row, a closed rename form)
 * focus moves to the message itself, so it never falls back to the top of the page.
 */
export function StatusMessage({ status, ref }: { status: Status; ref: Ref<StatusHandle> }) {
  const info = useRef<HTMLParagraphElement>(null);
  const alert = useRef<HTMLParagraphElement>(null);
  useImperativeHandle(ref, () => ({
    focus: () => (status?.tone === 'error' ? alert : info).current?.focus(),
  }));
  return (
    <div>
      <p
        ref={info}
        role="status"
        tabIndex={-1}
        data-page-status=""
        className={
          status?.tone === 'info'
            ? 'mb-6 rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface-2)] px-4 py-2 text-sm'
            : ''
        }
      >
        {status?.tone === 'info' ? status.text : ''}
      </p>
      <p
        ref={alert}
        role="alert"
        tabIndex={-1}
        className={
          status?.tone === 'error'
            ? 'mb-6 rounded-[var(--kw-radius)] border border-[var(--kw-danger)] px-4 py-2 text-sm text-[var(--kw-danger)]'
            : ''
        }
      >
        {status?.tone === 'error' ? status.text : ''}
      </p>
    </div>
  );
}
