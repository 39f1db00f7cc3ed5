// Runs once when the Next server starts (Next's instrumentation hook).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { warnAtStartup } = await import('@/lib/locks/shared-state-warning');
  warnAtStartup();
  // Mail left in the outbox by an earlier run goes out without waiting for the next change.
  const { startOutboxWorker } = await import('@/lib/notifications/outbox');
  startOutboxWorker();
}
