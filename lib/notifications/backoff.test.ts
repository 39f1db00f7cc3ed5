import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, isPermanent, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('waits 2 s after the first failure, doubling after each, never longer than the cap', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 60_000))).toEqual([2000, 4000, 8000, 16_000]);
    expect(retryDelayMs(10, 60_000)).toBe(60_000);
    expect(retryDelayMs(0, 60_000)).toBe(FIRST_RETRY_MS);
    // However many failures, no overflow past the cap.
    expect(retryDelayMs(10_000, 300_000)).toBe(300_000);
  });
});

describe('isPermanent', () => {
  it.each([
    [{ responseCode: 550 }, true],
    [{ responseCode: 500 }, true],
    [{ responseCode: 599 }, true],
    [{ responseCode: '553' }, true],
    [{ responseCode: 499 }, false],
    [{ responseCode: 421 }, false],
    [{ responseCode: 600 }, false],
    [{ code: 'ECONNREFUSED' }, false],
    [new Error('socket closed'), false],
    [null, false],
    [undefined, false],
    ['550 mailbox unavailable', false],
    [550, false],
  ])('%j is permanent: %s', (error, expected) => {
    expect(isPermanent(error)).toBe(expected);
  });
});
