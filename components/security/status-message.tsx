import type { Ref } from 'react';

export type Status = { tone: 'info' | 'error'; text: string } | null;

/**
 * The page's live regions. Both stay in the DOM, empty when unused, so screen readers announce
 * each new message; focus can be moved here after the row that had it disappears.
 */
export function StatusMessage({ status, ref }: { status: Status; ref: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      <p
        role="status"
        className={
          status?.tone === 'info'
            ? 'mb-6 rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface-2)] px-4 py-2 text-sm'
            : ''
        }
      >
        {status?.tone === 'info' ? status.text : ''}
      </p>
      <p
        role="alert"
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
