import { type Ref, useImperativeHandle, useRef } from 'react';
import type { Status, StatusHandle } from './status-message';

/**
 * The sessions list's own messages. A polite live region rather than a second role="status", so
 * the page keeps one status message (the factors panel's) that tests and people can find as such.
 * Always mounted, empty when unused; focus moves here only when no session card is left to take
 * it (components/ui/return-focus.ts).
 */
export function SessionsStatus({ status, ref }: { status: Status; ref: Ref<StatusHandle> }) {
  const region = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => region.current?.focus() }));
  const tone =
    status?.tone === 'error'
      ? 'mb-3 border-[var(--kw-danger)] text-[var(--kw-danger)]'
      : 'mb-3 border-[var(--kw-border)] bg-[var(--kw-surface-2)]';
  return (
    <div
      ref={region}
      aria-live="polite"
      tabIndex={-1}
      data-sessions-status=""
      className={
        status ? `rounded-[var(--kw-radius)] border px-4 py-2 text-sm outline-offset-2 ${tone}` : ''
      }
    >
      {status?.text ?? ''}
    </div>
  );
}
