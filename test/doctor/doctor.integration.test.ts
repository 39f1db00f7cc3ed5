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
import { ALSO, CHECK_IDS, DOCTOR_CASES, problems } from './cases';

const run = promisify(execFile);

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
  it('finds the seeded local tenant healthy, and a test control breaks each of its checks', async () => {
    const { results } = await doctor();
    expect([...CHECK_IDS].sort()).toEqual(results.map((r) => r.id).sort());
    expect(problems(results)).toEqual([]);
    expect(isHealthy(results)).toBe(true);
  });

  it.each(DOCTOR_CASES)(
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
