// Runs once when the Next server starts (Next's instrumentation hook).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { warnAtStartup } = await import('@/lib/locks/shared-state-warning');
  warnAtStartup();
}
