// Next evaluates lib/ once per route bundle: an ApiError thrown by the lock or a store that one
// bundle created must still map to its status in another bundle's route wrapper. Two module
// instances here stand for two bundles.
import { describe, expect, it, vi } from 'vitest';

async function freshErrors() {
  vi.resetModules();
  return import('./errors');
}

describe('ApiError across bundles', () => {
  it('is recognised by another copy of the module, and keeps its status and code', async () => {
    const a = await freshErrors();
    const b = await freshErrors();
    expect(a.ApiError).not.toBe(b.ApiError);
    const thrown = new a.ApiError(409, 'last_factor', 'Keep one.');
    expect(thrown instanceof b.ApiError).toBe(true);
    expect(b.errors.storeUnavailable() instanceof a.ApiError).toBe(true);
  });

  it('is not claimed by plain errors or look-alike objects', async () => {
    const { ApiError } = await freshErrors();
    expect(new Error('x') instanceof ApiError).toBe(false);
    expect({ status: 409, code: 'x', name: 'ApiError' } instanceof ApiError).toBe(false);
    expect((null as unknown) instanceof ApiError).toBe(false);
  });

  it("maps another bundle's ApiError to its status in the route wrapper", async () => {
    const lockBundle = await freshErrors();
    vi.resetModules();
    const { createRouteWrapper } = await import('@/lib/http/route');
    const withRoute = createRouteWrapper({
      getUser: async () => ({ userId: 'auth0|bob' }) as never,
      enforceLimit: async () => {
        throw new lockBundle.ApiError(503, 'busy', 'Another change is in progress.', {
          'retry-after': '2',
        });
      },
      appOrigin: () => 'http://localhost:3000',
      isAdmin: () => false,
      hasRecentSignIn: () => true,
    });
    const handler = withRoute({ limit: 'remove' as never }, async () => new Response(null));
    const { NextRequest } = await import('next/server');
    const res = await handler(
      new NextRequest('http://localhost:3000/api/factors/x', {
        method: 'DELETE',
        headers: { origin: 'http://localhost:3000' },
      }),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect((await res.json()).error.code).toBe('busy');
  });
});
