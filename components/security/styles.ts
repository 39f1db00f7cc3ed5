// Shared class lists, so every control on the page looks and focuses the same way.

const base =
  'inline-flex min-h-9 items-center justify-center rounded-[var(--kw-radius)] border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60';

export const buttonClass = `${base} border-[var(--kw-border)] bg-[var(--kw-surface)] text-[var(--kw-text)] hover:bg-[var(--kw-surface-2)]`;

export const primaryButtonClass = `${base} border-[var(--kw-accent)] bg-[var(--kw-accent)] text-[var(--kw-accent-text)] hover:opacity-90`;

export const dangerButtonClass = `${base} border-[var(--kw-danger)] bg-[var(--kw-surface)] text-[var(--kw-danger)] hover:bg-[var(--kw-surface-2)]`;

export const cardClass =
  'rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface)] p-4';

export const mutedClass = 'text-sm text-[var(--kw-muted)]';
