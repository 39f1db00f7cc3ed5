// npm run doctor against the real local tenant: all OK as seeded; each setting it checks, broken
// one at a time through the tenant's test control (POST /_local/config), is named with the right
// status, and --fix repairs those it can write. The CLI itself runs for the exit codes and the
// no-terminal refusal.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isHealthy, runChecks } from '@/lib/doctor/checks';
import { applyAction, doctorClient, expectationsFrom, readTenant } from '@/lib/doctor/read';
import { mergeActions } from '@/lib/doctor/report';
import { resolveEnv } from '@/lib/env';
import { type RunningTenant, startTenant } from '@/local-tenant/src/server';

const run = promisify(execFile);

/**
 * Test-control name → the doctor's check, what it must say, and whether --fix repairs it. Two
 * breaks show in a second line too: without read:sessions the sessions probe cannot tell, and
 * without a custom domain the security keys' RP ID has nothing to match.
 */
const ALSO: Record<string, string> = {
  m2m_scope: 'plan.sessions MISSING',
  custom_domain: 'domains.webauthn_rp_id WRONG',
};
const CASES = [
  ['callbacks', 'app.callbacks', 'MISSING', true],
  ['logout_urls', 'app.logout_urls', 'MISSING', true],
  ['web_origins', 'app.web_origins', 'MISSING', true],
  ['allowed_origins', 'app.allowed_origins', 'MISSING', true],
  ['refresh_token_grant', 'app.grant_types', 'MISSING', true],
  ['rotation', 'app.rotation', 'WRONG', true],
  ['mrrt_policy', 'app.mrrt_policy', 'MISSING', true],
  ['backchannel_logout', 'app.backchannel_logout', 'MISSING', true],
  ['password_changed_logout', 'app.backchannel_logout', 'WARN', true],
  ['oidc_conformant', 'app.oidc_conformant', 'WRONG', true],
  ['my_account_api', 'apis.my_account_api', 'MISSING', false],
  ['my_account_grant', 'apis.my_account_grant', 'MISSING', true],
  ['m2m_scope', 'apis.management_grant', 'MISSING', true],
  ['m2m_extra_scope', 'apis.management_grant', 'WARN', false],
  ['universal_login', 'signin.universal_login', 'WRONG', false],
  ['identifier_first', 'signin.identifier_first', 'WRONG', false],
  ['custom_login_page', 'signin.custom_login_page', 'WRONG', true],
  ['passkey_policy', 'signin.passkey_policy', 'MISSING', true],
  ['custom_domain', 'domains.custom_domain', 'MISSING', false],
  ['security_keys_factor', 'domains.security_keys_factor', 'MISSING', false],
  ['mfa_policy', 'domains.mfa_policy', 'MISSING', false],
  ['plan_sessions', 'plan.sessions', 'OFF', false],
  ['plan_logs', 'plan.logs', 'OFF', false],
] as const;

let tenant: RunningTenant;
let env: ReturnType<typeof resolveEnv>;
const rawEnv = () => ({
  LOCAL_TENANT_PORT: String(tenant.port),
  APP_BASE_URL: 'http://localhost:3000',
});

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${tenant.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, `${method} ${path} → ${res.status}`).toBe(true);
}

async function doctor() {
  const e = expectationsFrom(env, rawEnv());
  const mgmt = doctorClient(env);
  const snapshot = await readTenant(mgmt, e);
  return { e, mgmt, snapshot, results: runChecks(e, snapshot) };
}

/** Not OK lines, except create:users, which the test-mode tenant grants for seeding. */
const problems = (results: Awaited<ReturnType<typeof doctor>>['results']) =>
  results
    .filter((r) => r.status !== 'OK' && !/create:users$/.test(r.detail.replace(/\.$/, '')))
    .map((r) => `${r.id} ${r.status}`);

beforeAll(async () => {
  tenant = await startTenant({
    port: 0,
    dbPath: ':memory:',
    testMode: true,
    quiet: true,
    rateLimitPerSecond: null,
    smtpPort: null,
  });
  env = resolveEnv(rawEnv());
});
afterAll(async () => tenant?.close());
beforeEach(async () => control('DELETE', '/_local/config'));

describe('npm run doctor', () => {
  it('finds the seeded local tenant healthy', async () => {
    const { results } = await doctor();
    expect(problems(results)).toEqual([]);
    expect(isHealthy(results)).toBe(true);
  });

  it.each(CASES)(
    'names %s (%s) as %s, and --fix repairs it when it can',
    async (name, id, status, fixable) => {
      await control('POST', '/_local/config', { break: name });
      const before = await doctor();
      const expected = [`${id} ${status}`, ...(ALSO[name] ? [ALSO[name]] : [])];
      expect(problems(before.results)).toEqual(expected);
      expect(isHealthy(before.results)).toBe(status !== 'MISSING' && status !== 'WRONG');
      const line = before.results.find((r) => r.id === id);
      expect(line?.fix).toBeTruthy();

      const actions = mergeActions(before.results, before.snapshot);
      expect(actions.length > 0).toBe(fixable);
      for (const action of actions) await applyAction(before.mgmt, action);
      const after = await doctor();
      expect(problems(after.results)).toEqual(fixable ? [] : expected);
      // Idempotent: a second --fix finds nothing to write.
      if (fixable) expect(mergeActions(after.results, after.snapshot)).toEqual([]);
    },
  );

  it('fixes several broken settings of one application in one write without undoing each other', async () => {
    for (const name of ['rotation', 'mrrt_policy', 'callbacks']) {
      await control('POST', '/_local/config', { break: name });
    }
    const before = await doctor();
    const actions = mergeActions(before.results, before.snapshot);
    expect(actions.map((a) => a.kind)).toEqual(['patch-client']);
    for (const action of actions) await applyAction(before.mgmt, action);
    expect(problems((await doctor()).results)).toEqual([]);
  });
});

describe('the doctor CLI', () => {
  const cli = (...args: string[]) =>
    run(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/doctor.ts', ...args],
      {
        env: { ...process.env, AUTH0_DOMAIN: '', ...rawEnv() },
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('exits 1 on a missing MRRT policy, refuses --fix without a terminal, and applies it with --yes', async () => {
    await control('POST', '/_local/config', { break: 'mrrt_policy' });
    const broken = await cli('--json');
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.stdout) as { results: { id: string; status: string }[] };
    expect(report.results.find((r) => r.id === 'app.mrrt_policy')?.status).toBe('MISSING');

    const refused = await cli('--fix');
    expect(refused.stderr).toContain('Not applied');
    expect(refused.code).toBe(1);

    const fixed = await cli('--fix', '--yes');
    expect(fixed.stdout).toContain('Done: PATCH /api/v2/clients/keyward-local-app');
    expect(fixed.code).toBe(0);
    expect((await cli()).code).toBe(0);
  }, 60_000);
});
