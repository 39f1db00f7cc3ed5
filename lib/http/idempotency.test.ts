import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, errors } from '@/lib/core/errors';
import { forgetProcessShared, processShared } from '@/lib/core/registry';
import { ttlStore } from '@/lib/state/ttl-store';
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

  it('forgets a 500 answer too: the retry runs, and gets its own answer, not the 500', async () => {
    let runs = 0;
    const failsOnce = async () => {
      runs += 1;
      return Response.json({ run: runs }, { status: runs === 1 ? 500 : 200 });
    };
    expect((await withIdempotency(request('k-500'), 'rotate', failsOnce)).status).toBe(500);
    const retried = await withIdempotency(request('k-500'), 'rotate', failsOnce);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ run: 2 });
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
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

describe('withIdempotency, written ahead', () => {
  afterEach(() => forgetProcessShared('ttl-store'));

  /** The process's TTL store, with `fail` deciding which of its calls throw 503. */
  function failingStore(fail: (call: string, key: string) => boolean) {
    const real = ttlStore();
    forgetProcessShared('ttl-store');
    processShared('ttl-store', () => ({
      get: (k: string) =>
        fail('get', k) ? Promise.reject(errors.storeUnavailable()) : real.get(k),
      claim: (k: string, v: string, t: number) =>
        fail('claim', k) ? Promise.reject(errors.storeUnavailable()) : real.claim(k, v, t),
      set: (k: string, v: string, t: number) =>
        fail('set', k) ? Promise.reject(errors.storeUnavailable()) : real.set(k, v, t),
      delete: (k: string) =>
        fail('delete', k) ? Promise.reject(errors.storeUnavailable()) : real.delete(k),
    }));
  }

  it('runs nothing when the record cannot be written first: 503 store_unavailable', async () => {
    failingStore((call) => call === 'claim');
    const h = counter(201);
    await expect(withIdempotency(request('w-1'), 'rotate', h.run)).rejects.toMatchObject({
      status: 503,
      code: 'store_unavailable',
    });
    expect(h.runs()).toBe(0);
  });

  it('a change that was made is answered as made, even when its answer cannot be stored', async () => {
    failingStore((call) => call === 'set');
    const h = counter(201);
    const res = await withIdempotency(request('w-2'), 'rotate', h.run);
    expect(res.status).toBe(201);
    expect(h.runs()).toBe(1);
    // The claim written ahead still holds a repeat off: it is not run a second time.
    await expect(withIdempotency(request('w-2'), 'rotate', h.run)).rejects.toMatchObject({
      code: 'idempotency_in_progress',
    });
    expect(h.runs()).toBe(1);
  });

  it('an outcome Auth0 did not confirm is repeated, never run again while it may land', async () => {
    let runs = 0;
    const unknown = async (): Promise<Response> => {
      runs += 1;
      throw new ApiError(503, 'outcome_unknown', 'Auth0 did not confirm the rotation.', {
        'retry-after': '60',
      });
    };
    for (let i = 0; i < 3; i++) {
      await expect(withIdempotency(request('w-3'), 'rotate', unknown)).rejects.toMatchObject({
        status: 503,
        code: 'outcome_unknown',
        headers: { 'retry-after': '60' },
      });
    }
    expect(runs).toBe(1);
  });

  it('an error answer after a change that landed is repeated too (rotated, revoke failed)', async () => {
    let runs = 0;
    const partly = async (): Promise<Response> => {
      runs += 1;
      throw new ApiError(502, 'revoke_failed_after_rotate', 'The key was rotated, but …');
    };
    await expect(withIdempotency(request('w-4'), 'rotate-and-revoke', partly)).rejects.toThrow();
    await expect(
      withIdempotency(request('w-4'), 'rotate-and-revoke', partly),
    ).rejects.toMatchObject({ status: 502, code: 'revoke_failed_after_rotate' });
    expect(runs).toBe(1);
  });

  it('errors that say nothing was done are forgotten, so a retry runs', async () => {
    for (const [i, error] of [
      errors.storeUnavailable(),
      new ApiError(409, 'busy', 'Another change is in progress.'),
      new ApiError(503, 'upstream_slow', 'Nothing was changed.'),
    ].entries()) {
      const key = `w-5-${i}`;
      await expect(
        withIdempotency(request(key), 'rotate', async () => {
          throw error;
        }),
      ).rejects.toBe(error);
      const h = counter(201);
      expect((await withIdempotency(request(key), 'rotate', h.run)).status).toBe(201);
      expect(h.runs()).toBe(1);
    }
  });
});
