import { describe, expect, it } from 'vitest';
import { withIdempotency } from './idempotency';

const request = (key?: string) =>
  new Request('http://localhost/api/admin/signing-keys/rotate', {
    method: 'POST',
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });

/** A handler that counts its runs and answers with its run number. */
function counter(status = 200) {
  let runs = 0;
  return {
    runs: () => runs,
    run: async () => {
      runs += 1;
      return Response.json({ run: runs }, { status });
    },
  };
}

describe('withIdempotency', () => {
  it('without the header, runs every time', async () => {
    const h = counter();
    await withIdempotency(request(), 'rotate', h.run);
    await withIdempotency(request(), 'rotate', h.run);
    expect(h.runs()).toBe(2);
  });

  it('a repeat gets the first answer, marked as replayed, and nothing runs twice', async () => {
    const h = counter(201);
    const first = await withIdempotency(request('k-1'), 'rotate', h.run);
    const again = await withIdempotency(request('k-1'), 'rotate', h.run);
    expect(h.runs()).toBe(1);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The same key on another action is another request.
    await withIdempotency(request('k-1'), 'revoke', h.run);
    expect(h.runs()).toBe(2);
  });

  it('a repeat while the first still runs is told to wait (409), and does not run', async () => {
    let finish: () => void = () => {};
    let runs = 0;
    const slow = () =>
      new Promise<Response>((resolve) => {
        runs += 1;
        finish = () => resolve(Response.json({ ok: true }));
      });
    const first = withIdempotency(request('k-2'), 'rotate', slow);
    await expect(withIdempotency(request('k-2'), 'rotate', slow)).rejects.toMatchObject({
      status: 409,
      code: 'idempotency_in_progress',
      headers: { 'retry-after': '2' },
    });
    finish();
    expect((await first).status).toBe(200);
    expect(runs).toBe(1);
  });

  it('forgets failures that may be retried: a 5xx answer or a thrown error', async () => {
    const failing = counter(503);
    await withIdempotency(request('k-3'), 'rotate', failing.run);
    await withIdempotency(request('k-3'), 'rotate', failing.run);
    expect(failing.runs()).toBe(2);

    const thrown = async () => {
      throw new Error('Auth0 unreachable');
    };
    await expect(withIdempotency(request('k-4'), 'rotate', thrown)).rejects.toThrow();
    const h = counter();
    expect((await withIdempotency(request('k-4'), 'rotate', h.run)).status).toBe(200);
    expect(h.runs()).toBe(1);
  });

  it('remembers a 4xx refusal, which a retry would only repeat', async () => {
    const refused = counter(409);
    await withIdempotency(request('k-5'), 'revoke', refused.run);
    expect((await withIdempotency(request('k-5'), 'revoke', refused.run)).status).toBe(409);
    expect(refused.runs()).toBe(1);
  });

  it('refuses a malformed key before doing anything', async () => {
    const h = counter();
    for (const key of ['', 'with space', 'x'.repeat(256), 'caf\u00e9']) {
      await expect(withIdempotency(request(key), 'rotate', h.run)).rejects.toMatchObject({
        status: 400,
        code: 'invalid_idempotency_key',
      });
    }
    expect(h.runs()).toBe(0);
  });
});
