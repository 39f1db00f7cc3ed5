import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { ALSO, CHECK_IDS, DOCTOR_CASES, problems } from '../test/doctor/cases';
import { expect, test } from './fixtures';

const run = promisify(execFile);

// A tenant without the Multi-Resource Refresh Token policy (the setting `npm run doctor` checks
// first among the passkey ones): Auth0 refuses the My Account token, and a fresh sign-in would be
// refused the same way. Keyward says so plainly instead of sending the person round a sign-in loop.

async function tryToAddPasskey(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
}

test.describe('a tenant without the MRRT policy', () => {
  test('adding a passkey shows a plain message and never sends alice to sign in again', async ({
    page,
    app,
    tenant,
    signIn,
    authenticator,
  }) => {
    await signIn(page, 'alice');
    const va = await authenticator(page);
    await page.goto(`${app.url}/security`);
    await tenant.breakSetting('mrrt_policy');
    await tenant.clearStats();

    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    for (let i = 0; i < 2; i++) {
      await tryToAddPasskey(page, 'Add a passkey');
      await expect(page.getByText('Passkeys can’t be added right now.')).toBeVisible();
    }
    // No trip to sign-in and back: the page may re-render itself in place, but never leaves.
    expect(navigations.filter((url) => new URL(url).pathname !== '/security')).toEqual([]);
    expect(page.url()).toBe(`${app.url}/security`);
    expect(await va.credentials()).toHaveLength(0);
    // Auth0 was never asked to start an enrolment: the refused refresh stopped it first.
    const { routes } = await tenant.stats();
    expect(routes['POST /me/v1/authentication-methods'] ?? 0).toBe(0);
  });

  test.describe('in German', () => {
    test.use({ locale: 'de-DE', extraHTTPHeaders: { 'accept-language': 'de-DE,de;q=0.9' } });
    test('the message is German', async ({ page, app, tenant, signIn, authenticator }) => {
      await signIn(page, 'alice');
      await authenticator(page);
      await page.goto(`${app.url}/security`);
      await tenant.breakSetting('mrrt_policy');
      await tryToAddPasskey(page, 'Passkey hinzufügen');
      await expect(
        page.getByText('Passkeys können gerade nicht hinzugefügt werden.'),
      ).toBeVisible();
      expect(page.url()).toBe(`${app.url}/security`);
    });
  });
});

// A tenant whose plan has no sessions or no user logs: Auth0 answers those reads 403. The page
// hides both lists behind one plain sentence each, with no error and nothing to retry.
test.describe('a plan without sessions or logs', () => {
  test('the sections explain it plainly instead of failing', async ({
    page,
    app,
    tenant,
    signIn,
  }) => {
    await signIn(page, 'alice');
    await tenant.breakSetting('plan_sessions');
    await tenant.breakSetting('plan_logs');
    await page.goto(`${app.url}/security`);
    const sessions = page.getByRole('region', { name: 'Where you’re signed in' });
    await sessions.scrollIntoViewIfNeeded();
    await expect(
      page.getByText(
        'Your organisation’s Auth0 plan doesn’t include a list of sessions, so Keyward can’t show where you’re signed in.',
      ),
    ).toBeVisible({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Recent activity' }).scrollIntoViewIfNeeded();
    await expect(
      page.getByText(
        'Your organisation’s Auth0 plan doesn’t keep a history of sign-ins, so Keyward can’t show your recent activity.',
      ),
    ).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('We couldn’t load')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign out of all other sessions' })).toHaveCount(
      0,
    );
    // Everything else still works: the sign-in methods are listed.
    await expect(page.getByRole('heading', { name: 'Where you’re signed in' })).toBeVisible();
  });
});

// `npm run doctor` itself, as a team runs it, against this run's tenant: each setting it checks,
// broken one at a time through the tenant's test control, is named with its status, the exit code
// says whether anything is MISSING or WRONG, and `--fix --yes` repairs what the Management API can.
const doctorCli = (tenantUrl: string, appUrl: string, ...args: string[]) =>
  run(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/doctor.ts', '--json', ...args],
    {
      env: {
        ...process.env,
        AUTH0_DOMAIN: '',
        LOCAL_TENANT_PORT: new URL(tenantUrl).port,
        APP_BASE_URL: appUrl,
      },
    },
  ).then(
    (r) => ({ code: 0, report: JSON.parse(r.stdout) as DoctorReport }),
    (e: { code: number; stdout: string }) => ({
      code: e.code,
      report: JSON.parse(e.stdout) as DoctorReport,
    }),
  );

type DoctorReport = {
  healthy: boolean;
  applied: string[];
  results: { id: string; status: string; detail: string }[];
};

test.describe('npm run doctor against this tenant', () => {
  test.describe.configure({ mode: 'serial' });

  test('the seeded tenant is all OK and the doctor exits 0', async ({ app, tenant }) => {
    test.setTimeout(120_000);
    const { code, report } = await doctorCli(tenant.url, app.url);
    expect(problems(report.results)).toEqual([]);
    expect(code).toBe(0);
    // Each of its checks has a break below.
    expect(report.results.map((r) => r.id).sort()).toEqual([...CHECK_IDS].sort());
  });

  for (const [name, id, status, fixable] of DOCTOR_CASES) {
    test(`${name}: named ${status} (${id})${fixable ? ', repaired by --fix' : ''}`, async ({
      app,
      tenant,
    }) => {
      test.setTimeout(180_000);
      await tenant.breakSetting(name);
      const broken = await doctorCli(tenant.url, app.url);
      expect(problems(broken.report.results)).toEqual([
        `${id} ${status}`,
        ...(ALSO[name] ? [ALSO[name]] : []),
      ]);
      const blocking = status === 'MISSING' || status === 'WRONG';
      expect(broken.code).toBe(blocking ? 1 : 0);
      if (!fixable) return;
      const fixed = await doctorCli(tenant.url, app.url, '--fix', '--yes');
      expect(fixed.report.applied.length).toBeGreaterThan(0);
      expect(problems(fixed.report.results)).toEqual([]);
      expect(fixed.code).toBe(0);
    });
  }
});
