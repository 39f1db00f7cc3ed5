// The activity section's data against the real local tenant through the real ManagementClient:
// one Management call per page, newest first, the last 30 days only, and paging that ends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@/local-tenant/src/seed-data';
import { startTestTenant, type TestTenant } from '@/test/in-process-tenant';
import { expectHiddenForPlan } from '@/test/plan-refusal';

const LOGS = 'GET /api/v2/users/:id/logs';
const { alice, bob } = DEMO_USERS;

let tenant: TestTenant;
let lib: typeof import('./get-activity');

beforeAll(async () => {
  tenant = await startTestTenant();
  lib = await import('./get-activity');
});
afterAll(async () => tenant?.close());
beforeEach(async () => tenant.reset());

describe('getActivity', () => {
  it("shows alice's seeded events of the last 30 days in one call, and the 40-day-old one not", async () => {
    await lib.getActivity(alice.user_id, 0); // the first call also fetches the M2M token
    await tenant.clearStats();
    const page = await lib.getActivity(alice.user_id, 0);
    expect(page.entries.map((e) => [e.kind, e.device, e.ip])).toEqual([
      ['signIn', 'Safari on iOS', '203.0.113.24'],
      ['signInFailed', 'Safari on iOS', '203.0.113.24'],
    ]);
    expect(page.nextPage).toBeNull();
    const stats = await tenant.stats();
    expect(stats[LOGS]).toBe(1);
    expect(Object.values(stats).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('offers the next page while a full page stays inside 30 days, one call each', async () => {
    // 150 changes (75 keys added and removed): a page and a half of events for bob.
    const { managementCall } = await import('@/lib/management/client');
    for (let i = 0; i < 75; i++) {
      const created = await managementCall((mgmt) =>
        mgmt.users.authenticationMethods.create(bob.user_id, {
          type: 'webauthn-roaming',
          name: `Key ${i}`,
          key_id: `activity-key-${i}`,
          public_key: 'pQECAyYgASFYIA',
          relying_party_identifier: 'localhost',
        }),
      );
      await managementCall((mgmt) =>
        mgmt.users.authenticationMethods.delete(bob.user_id, created.id ?? ''),
      );
    }
    await tenant.clearStats();
    const first = await lib.getActivity(bob.user_id, 0);
    expect(first.entries).toHaveLength(lib.PER_PAGE);
    expect(first.entries[0]?.kind).toBe('methodRemoved');
    expect(first.nextPage).toBe(1);
    const second = await lib.getActivity(bob.user_id, 1);
    expect(second.entries).toHaveLength(150 - lib.PER_PAGE);
    expect(second.nextPage).toBeNull();
    const ids = new Set([...first.entries, ...second.entries].map((e) => e.id));
    expect(ids.size).toBe(150);
    expect((await tenant.stats())[LOGS]).toBe(2);
  });

  it('on a plan without user logs, answers "not on the plan" instead of failing, and logs the setting once', async () => {
    await expectHiddenForPlan(tenant.url, 'plan_logs', () => lib.getActivity(alice.user_id, 0), {
      entries: [],
      nextPage: null,
      notOnPlan: true,
    });
  });

  it('parses ?page= within Auth0’s 1,000-result window', () => {
    expect(lib.parsePage(null)).toBe(0);
    expect(lib.parsePage('3')).toBe(3);
    expect(lib.parsePage(String(lib.MAX_PAGE))).toBe(9);
    for (const bad of ['10', '-1', '1.5', 'x', '']) {
      expect(() => lib.parsePage(bad)).toThrow(expect.objectContaining({ status: 422 }));
    }
  });
});
