import { expect, vi } from 'vitest';

/**
 * Turns a plan-gated feature off at the in-process tenant (POST /_local/config), then expects
 * `read` to answer `hidden` twice, not to fail, and the operator's log to name the setting once.
 */
export async function expectHiddenForPlan(
  tenantUrl: string,
  reason: 'plan_sessions' | 'plan_logs',
  read: () => Promise<unknown>,
  hidden: unknown,
): Promise<void> {
  const { forgetReported } = await import('@/lib/diagnostics/config-hints');
  forgetReported();
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  const res = await fetch(`${tenantUrl}/_local/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ break: reason }),
  });
  expect(res.ok).toBe(true);
  try {
    for (let i = 0; i < 2; i++) expect(await read()).toEqual(hidden);
    const told = error.mock.calls.map((c) => JSON.parse(String(c[0])));
    expect(told).toEqual([expect.objectContaining({ event: 'tenant_misconfigured', reason })]);
  } finally {
    error.mockRestore();
  }
}
