import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RESET_PER_ACCOUNT, RESET_PER_ADDRESS, ResetThrottle } from '../src/login/reset-throttle';
import { DEMO_USERS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { control, startTestTenant } from './helpers';

// "Forgot password?" mails an account at most Auth0's bucket (10, then 1 a minute), and one
// address at most its own, while every request gets the same "We've just sent you an email".

describe('reset throttle', () => {
  it('lets an account have 10 mails at once, then 1 a minute, from any mix of addresses', () => {
    let now = 0;
    const throttle = new ResetThrottle(() => now);
    const sent = Array.from({ length: 12 }, (_, i) =>
      throttle.take('Alice@example.com', `192.0.2.${i}`),
    );
    expect(RESET_PER_ACCOUNT.capacity).toBe(10);
    expect(sent.filter(Boolean)).toHaveLength(10);
    expect(sent.slice(10)).toEqual([false, false]);
    // The same account in other letter case is the same account.
    expect(throttle.take('alice@EXAMPLE.com', '198.51.100.1')).toBe(false);
    now += 59_000;
    expect(throttle.take('alice@example.com', '198.51.100.1')).toBe(false);
    now += 1_000;
    expect(throttle.take('alice@example.com', '198.51.100.1')).toBe(true);
    expect(throttle.take('alice@example.com', '198.51.100.1')).toBe(false);
  });

  it('lets one address ask for 50 accounts at once, then about 1 every 72 s', () => {
    let now = 0;
    const throttle = new ResetThrottle(() => now);
    const sent = Array.from({ length: 55 }, (_, i) => throttle.take(`u${i}@example.com`, '::1'));
    expect(RESET_PER_ADDRESS.capacity).toBe(50);
    expect(sent.filter(Boolean)).toHaveLength(50);
    // Another address is not held back by this one, nor is an account it did not ask for.
    expect(throttle.take('u99@example.com', '192.0.2.7')).toBe(true);
    now += 72_000;
    expect(throttle.take('u60@example.com', '::1')).toBe(true);
    expect(throttle.take('u61@example.com', '::1')).toBe(false);
  });

  it('does not spend the account’s bucket on requests its address was refused', () => {
    const throttle = new ResetThrottle(() => 0);
    for (let i = 0; i < 50; i++) throttle.take(`u${i}@example.com`, '203.0.113.9');
    for (let i = 0; i < 20; i++) throttle.take('alice@example.com', '203.0.113.9');
    expect(throttle.take('alice@example.com', '192.0.2.1')).toBe(true);
  });

  it('keeps its memory bounded under random addresses and accounts', () => {
    let now = 0;
    const throttle = new ResetThrottle(() => now);
    const started = performance.now();
    for (let i = 0; i < 12_000; i++) {
      throttle.take(`r${i}@example.com`, `10.0.${i >> 8}.${i & 255}`);
    }
    // One pass a minute at most, not one per request.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(throttle.size).toBeGreaterThan(12_000);
    // An hour on, every bucket is full again, so the next request drops them all.
    now += 3_600_000;
    throttle.take('x@example.com', '192.0.2.1');
    expect(throttle.size).toBe(2);
    expect(throttle.take('r1@example.com', '10.0.0.1')).toBe(true);
  });
});

describe('password reset mail, throttled (running tenant)', () => {
  let tenant: RunningTenant;
  beforeAll(async () => {
    tenant = await startTestTenant();
  });
  afterAll(async () => tenant?.close());
  beforeEach(async () => {
    await control(tenant, 'POST', '/_local/reset', {});
  });

  const ask = async (email: string) => {
    const res = await fetch(`${tenant.url}/u/login/any/reset-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email }).toString(),
    });
    const html = await res.text();
    return `${res.status} ${html.replace(/nonce="[^"]*"|nonce-[^']*/g, '')}`;
  };
  const mailsTo = async (email: string) => {
    const { messages } = (await control(tenant, 'GET', '/_local/inbox.json')).body as {
      messages: { to: string[] }[];
    };
    return messages.filter((m) => m.to.includes(email)).length;
  };

  it('62 requests for alice: every answer the same success page, 10 mails', async () => {
    const alice = DEMO_USERS.alice.email;
    const answers = [];
    for (let i = 0; i < 62; i++) answers.push(await ask(alice));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^200 /);
    expect(answers[0]).toContain('Check your email');
    await vi.waitFor(async () => expect(await mailsTo(alice)).toBe(10), { timeout: 10_000 });
    // Nothing more trickles in.
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(alice)).toBe(10);
  });

  it('forgets the counts on /_local/reset', async () => {
    const alice = DEMO_USERS.alice.email;
    for (let i = 0; i < 11; i++) await ask(alice);
    // The mails leave after the answers: let all ten land before the reset empties the inbox.
    await vi.waitFor(async () => expect(await mailsTo(alice)).toBe(10), { timeout: 10_000 });
    await control(tenant, 'POST', '/_local/reset', {});
    await ask(alice);
    await vi.waitFor(async () => expect(await mailsTo(alice)).toBe(1), { timeout: 10_000 });
  });
});
