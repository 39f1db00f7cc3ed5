import { createHash } from 'node:crypto';
import type * as client from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../src/db';
import { createResetTicket, openTicketUser } from '../src/login/reset-tickets';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { control, discoverAppClient, startTestTenant } from './helpers';
import { signInWithPassword } from './sign-in';

// "Forgot password?" against the running tenant: the same answer for every address, one mail
// through its own SMTP server into the inbox, a single-use link stored as a hash, the password
// policy, and the new password replacing the old one at sign-in.

type Mail = { to: string[]; subject: string; text: string };

let tenant: RunningTenant;
let config: client.Configuration;

beforeAll(async () => {
  tenant = await startTestTenant();
  config = await discoverAppClient(tenant);
});
afterAll(async () => tenant?.close());
beforeEach(async () => {
  await control(tenant, 'POST', '/_local/reset', {});
});

const form = (body: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(body).toString(),
});

async function askForReset(email: string) {
  const res = await fetch(`${tenant.url}/u/login/any/reset-password`, form({ email }));
  return { status: res.status, text: (await res.text()).replaceAll(email, 'EMAIL') };
}

async function inbox(): Promise<Mail[]> {
  return (await control(tenant, 'GET', '/_local/inbox.json')).body.messages;
}

async function resetLink(email: string): Promise<string> {
  // Generous: the mail goes out after the answer, and a loaded CI machine takes seconds for it.
  await vi.waitFor(
    async () => expect((await inbox()).some((m) => m.to.includes(email))).toBe(true),
    { timeout: 15_000 },
  );
  const mail = (await inbox()).find((m) => m.to.includes(email));
  const link = mail?.text.match(/http\S+\/u\/reset-password\?ticket=([\w-]+)/)?.[0];
  if (!link) throw new Error('no reset link in the mail');
  return link;
}

const setPassword = async (link: string, password: string, confirm = password) => {
  const ticket = new URL(link).searchParams.get('ticket') ?? '';
  const res = await fetch(`${tenant.url}/u/reset-password`, form({ ticket, password, confirm }));
  return { status: res.status, html: await res.text() };
};

describe('password reset', () => {
  it('answers the same for an unknown address, a passkey-only account and alice; only alice gets mail', async () => {
    const answers = await Promise.all(
      ['nobody@example.com', DEMO_USERS.bob.email, DEMO_USERS.alice.email].map(askForReset),
    );
    expect(
      new Set(answers.map((a) => `${a.status} ${a.text.replace(/nonce="[^"]*"|nonce-[^']*/g, '')}`))
        .size,
    ).toBe(1);
    expect(answers[0]?.status).toBe(200);
    await resetLink(DEMO_USERS.alice.email);
    await new Promise((r) => setTimeout(r, 300));
    const mails = await inbox();
    expect(mails.map((m) => m.to)).toEqual([[DEMO_USERS.alice.email]]);
    expect(mails[0]?.subject).toBe('Reset your password');
  });

  it('sets a new password once: the old one and the used link stop working', async () => {
    await askForReset(DEMO_USERS.alice.email);
    const link = await resetLink(DEMO_USERS.alice.email);
    const opened = await fetch(link);
    expect({
      status: opened.status,
      body: opened.status === 200 ? '' : await opened.text(),
    }).toEqual({ status: 200, body: '' });

    const short = await setPassword(link, 'short');
    expect(short.status).toBe(400);
    expect(short.html).toContain('at least 8 characters');
    expect((await setPassword(link, 'new-password-1', 'other-password')).html).toContain(
      'do not match',
    );
    const done = await setPassword(link, 'new-password-1');
    expect(done.status).toBe(200);
    expect(done.html).toContain('Password changed');

    const again = await setPassword(link, 'new-password-2');
    expect(again.status).toBe(400);
    expect(again.html).toContain('expired or was already used');
    expect((await fetch(link)).status).toBe(400);

    await expect(
      signInWithPassword(config, DEMO_USERS.alice.email, DEMO_PASSWORD),
    ).rejects.toThrow();
    const tokens = await signInWithPassword(config, DEMO_USERS.alice.email, 'new-password-1');
    expect(tokens.claims()?.sub).toBe(DEMO_USERS.alice.user_id);
  });
});

describe('reset tickets', () => {
  it('are stored as a SHA-256 hash only, and expire', () => {
    const db = openDatabase(':memory:');
    db.prepare(
      "INSERT INTO users (user_id, email, name, nickname, created_at, updated_at) VALUES ('u1', 'u@example.com', 'U', 'u', 'x', 'x')",
    ).run();
    const token = createResetTicket(db, 'u1', 60, 1000);
    const rows = db.prepare('SELECT token_hash FROM password_resets').all() as {
      token_hash: string;
    }[];
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
    expect(openTicketUser(db, token, 1000 + 59_999)).toBe('u1');
    expect(openTicketUser(db, token, 1000 + 60_000)).toBeNull();
    db.close();
  });
});
