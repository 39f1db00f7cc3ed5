import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetProcessShared } from '@/lib/core/registry';
import { ttlStore } from '@/lib/state/ttl-store';
import { handoffTtlMs, mintHandoff, redeemHandoff } from './handoff';

const host = 'https://app.example.com';
function pair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

afterEach(() => vi.restoreAllMocks());

describe('the popup-to-frame handoff', () => {
  it('gives the session cookie once, to the holder of the verifier, for the same host', async () => {
    const { verifier, challenge } = pair();
    const code = await mintHandoff({ cookie: 'sealed-session', challenge, host });
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await redeemHandoff({ code, verifier, host })).toBe('sealed-session');
    expect(await redeemHandoff({ code, verifier, host })).toBeNull();
  });

  it('refuses a wrong verifier, another host or an unknown code, and spends the code', async () => {
    const { verifier, challenge } = pair();
    const code = await mintHandoff({ cookie: 'c', challenge, host });
    expect(await redeemHandoff({ code, verifier: pair().verifier, host })).toBeNull();
    expect(await redeemHandoff({ code, verifier, host })).toBeNull();

    const other = await mintHandoff({ cookie: 'c', challenge, host });
    expect(await redeemHandoff({ code: other, verifier, host: 'https://evil.example' })).toBeNull();
    expect(await redeemHandoff({ code: other, verifier, host })).toBeNull();

    expect(
      await redeemHandoff({ code: randomBytes(32).toString('base64url'), verifier, host }),
    ).toBeNull();
  });

  it('stores nothing for a code that was never minted', async () => {
    const store = ttlStore();
    const claim = vi.spyOn(store, 'claim');
    const set = vi.spyOn(store, 'set');
    const { verifier } = pair();
    for (let i = 0; i < 5; i++) {
      const code = randomBytes(32).toString('base64url');
      expect(await redeemHandoff({ code, verifier, host })).toBeNull();
    }
    expect(claim).not.toHaveBeenCalled();
    expect(set).not.toHaveBeenCalled();
  });

  it('works for one minute after it was minted, and not a moment longer', async () => {
    // The store reads the clock the test moves (a fresh store, made under the fake clock).
    vi.useFakeTimers({ toFake: ['Date'] });
    forgetProcessShared('ttl-store');
    try {
      expect(handoffTtlMs()).toBe(60_000);
      const { verifier, challenge } = pair();
      const late = await mintHandoff({ cookie: 'c', challenge, host });
      const inTime = await mintHandoff({ cookie: 'c', challenge, host });
      vi.advanceTimersByTime(59_000);
      expect(await redeemHandoff({ code: inTime, verifier, host })).toBe('c');
      vi.advanceTimersByTime(1_000);
      expect(await redeemHandoff({ code: late, verifier, host })).toBeNull();
    } finally {
      vi.useRealTimers();
      forgetProcessShared('ttl-store');
    }
  });

  it('is stored sealed: the store does not hold the cookie in the clear', async () => {
    const set = vi.spyOn(ttlStore(), 'set');
    await mintHandoff({ cookie: 'secret-session-cookie', ...pair(), host });
    expect(set.mock.calls[0]?.[1]).not.toContain('secret-session-cookie');
  });

  it('lets one of two concurrent redemptions win', async () => {
    const { verifier, challenge } = pair();
    const code = await mintHandoff({ cookie: 'c', challenge, host });
    const results = await Promise.all([
      redeemHandoff({ code, verifier, host }),
      redeemHandoff({ code, verifier, host }),
    ]);
    expect(results.filter((r) => r === 'c')).toHaveLength(1);
  });
});
