// Shown while the security page waits for Auth0: the page's shape, without content.
export default function SecurityLoading() {
  const row =
    'h-24 rounded-[var(--kw-radius)] border border-[var(--kw-border)] bg-[var(--kw-surface-2)]';
  return (
    <div className="flex max-w-4xl flex-col gap-6" aria-busy="true">
      <h1 className="text-2xl font-semibold">Security</h1>
      <p role="status" className="text-[var(--kw-muted)]">
        Loading your sign-in methods…
      </p>
      <div className="flex animate-pulse flex-col gap-3" aria-hidden="true">
        <div className="h-6 w-32 rounded bg-[var(--kw-surface-2)]" />
        <div className={row} />
        <div className={row} />
        <div className="mt-4 h-6 w-40 rounded bg-[var(--kw-surface-2)]" />
        <div className={row} />
      </div>
    </div>
  );
}
