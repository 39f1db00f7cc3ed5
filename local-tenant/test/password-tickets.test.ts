// POST /api/v2/tickets/password-change and POST /api/v2/users/{id}/recovery-code-regeneration,
// through the real ManagementClient: what Auth0 refuses is refused, a used ticket sets the
// password and ends the user's sessions, and a recovery code is listed without its code.
import { Management, type ManagementClient } from 'auth0';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, SEEDED_SESSIONS } from '../src/seed';
import type { RunningTenant } from '../src/server';
import { control, m2mToken, managementClient, startTestTenant } from './helpers';

const { BadRequestError, ForbiddenError } = Management;
const alice = DEMO_USERS.alice;
const PHONE = SEEDED_SESSIONS[0];

let tenant: RunningTenant;
let mgmt: ManagementClient;

beforeAll(async () => {
  tenant = await startTestTenant();
  mgmt = managementClient(tenant, { maxRetries: 0 });
});
afterAll(async () => {
  await tenant?.close();
});
beforeEach(async () => {
  await control(tenant, 'POST', '/_local/reset', {});
});

const narrow = async (scope: string) =>
  managementClient(tenant, { token: await m2mToken(tenant, scope), maxRetries: 0 });

describe('password-change tickets', () => {
  it('need create:user_tickets', async () => {
    const reader = await narrow('read:users');
    await expect(reader.tickets.changePassword({ user_id: alice.user_id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('refuse a user without a database identity, and user_id with email', async () => {
    await expect(
      mgmt.tickets.changePassword({ user_id: DEMO_USERS.carol.user_id }),
    ).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      mgmt.tickets.changePassword({
        user_id: alice.user_id,
        email: alice.email,
        connection_id: 'con_x',
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });

  it('set the password once, end every session of the user, and link back to result_url', async () => {
    const sessions = async () =>
      (await mgmt.users.sessions.list(alice.user_id)).data.map((s) => s.id);
    expect(await sessions()).toContain(PHONE?.id);
    const { ticket } = await mgmt.tickets.changePassword({
      user_id: alice.user_id,
      result_url: 'http://localhost:3000/security?password=changed',
      ttl_sec: 600,
    });
    const code = new URL(ticket).searchParams.get('ticket') ?? '';
    const form = new URLSearchParams({
      ticket: code,
      password: 'Fresh-pass-9',
      confirm: 'Fresh-pass-9',
    });
    const res = await fetch(`${tenant.url}/u/reset-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('href="http://localhost:3000/security?password=changed"');
    expect(await sessions()).toEqual([]);
    const user = await mgmt.users.get(alice.user_id);
    expect(Date.parse(String(user.last_password_reset))).toBeGreaterThan(Date.now() - 60_000);
    // Used once.
    const again = await fetch(`${tenant.url}/u/reset-password?ticket=${code}`);
    expect(again.status).toBe(400);
  });
});

describe('recovery-code regeneration', () => {
  it('needs update:users', async () => {
    const reader = await narrow('read:users');
    await expect(reader.users.regenerateRecoveryCode(alice.user_id)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('answers 404 "Enrollment not found" for a user without an MFA enrolment', async () => {
    await expect(mgmt.users.regenerateRecoveryCode(DEMO_USERS.bob.user_id)).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('replaces the one recovery-code method; the list never shows the code', async () => {
    const first = await mgmt.users.regenerateRecoveryCode(alice.user_id);
    const second = await mgmt.users.regenerateRecoveryCode(alice.user_id);
    expect(second.recovery_code).toMatch(/^[A-Z2-9]{24}$/);
    expect(second.recovery_code).not.toBe(first.recovery_code);
    const methods = (await mgmt.users.authenticationMethods.list(alice.user_id)).data;
    const codes = methods.filter((m) => m.type === 'recovery-code');
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatchObject({ confirmed: true });
    expect(JSON.stringify(methods)).not.toContain(String(second.recovery_code));
  });
});
