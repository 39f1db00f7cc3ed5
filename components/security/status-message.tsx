import { type Ref, useImperativeHandle, useRef } from 'react';
import { buttonClass } from '@/components/ui/styles';

export type Status = { tone: 'info' | 'error'; text: string } | null;

/** A follow-up the person may choose, offered beside a success message (never done for them). */
export type StatusAction = { label: string; onClick: () => void };

/** Lets the panel move focus to whichever message is showing. */
export type StatusHandle = { focus: () => void };

/**
 * The page's live regions. Both stay in the DOM, empty when unused, so screen readers announce
 * each new message. After a rename or removal focus goes back to the card or its neighbour
 * (components/ui/return-focus.ts); only when there is none to go to (a key already gone, a
 * removal Auth0 has not confirmed) does it move to the message itself.
 */
export function StatusMessage({
  status,
  ref,
  action = null,
}: {
  status: Status;
  ref: Ref<StatusHandle>;
  action?: StatusAction | null;
}) {
  const info = useRef<HTMLParagraphElement>(null);
  const alert = useRef<HTMLParagraphElement>(null);
  useImperativeHandle(ref, () => ({
    focus: () => (status?.tone === 'error' ? alert : info).current?.focus(),
  }));
  return (
    <div>
      <div
        className={
          status?.tone === 'info'
            ? 'mb-6 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface-2)] px-4 py-2 text-sm'
            : ''
        }
      >
        <p ref={info} role="status" tabIndex={-1} data-page-status="">
          {status?.tone === 'info' ? status.text : ''}
        </p>
        {/* Outside the live region, so only the message is announced; Tab reaches it next. */}
        {status?.tone === 'info' && action ? (
          <button type="button" className={buttonClass} onClick={action.onClick}>
            {action.label}
          </button>
        ) : null}
      </div>
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
