// The local tenant answers in Auth0's published schemas (test/schemas/README.md), inside the
// normal unit run. `npm run test:schemas` records every suite that talks to the tenant (about
// 7 minutes); this file records a representative set of the calls Keyward and the doctor make,
// their refusals included, in seconds: the doctor's whole read and one --fix, the sign-in method
// calls, signing keys, sessions and the SDK's token. Any violation fails it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagementClient, ManagementError } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '@/lib/doctor/checks';
import { applyAction, doctorClient, expectationsFrom, readTenant } from '@/lib/doctor/read';
import { mergeActions } from '@/lib/doctor/report';
import { resolveEnv } from '@/lib/env';
import { managementConnection } from '@/lib/management/connection';
import { DEMO_USERS } from '@/local-tenant/src/seed-data';
import type { RunningTenant } from '@/local-tenant/src/server';
import { startTestTenant } from '@/local-tenant/test/helpers';
import { checkRecording } from '@/scripts/check-tenant-schemas';
import { type Exchange, OasValidator } from './oas-validator';

const { alice } = DEMO_USERS;
const dir = mkdtempSync(join(tmpdir(), 'tenant-schemas-test-'));
const file = join(dir, 'exchanges.jsonl');
const saved = process.env.LOCAL_TENANT_RECORD_FILE;

let tenant: RunningTenant;
let env: ReturnType<typeof resolveEnv>;
const rawEnv = () => ({
  LOCAL_TENANT_PORT: String(tenant.port),
  APP_BASE_URL: 'http://localhost:3000',
});

/** The error a call ended with (its status), or null when it succeeded. */
async function statusOf(call: Promise<unknown>): Promise<number | null> {
  try {
    await call;
    return null;
  } catch (error) {
    if (error instanceof ManagementError) return error.statusCode ?? -1;
    throw error;
  }
}

beforeAll(async () => {
  // The recorder reads the variable on every exchange: this file's tenant writes here only.
  process.env.LOCAL_TENANT_RECORD_FILE = file;
  tenant = await startTestTenant({ smtpPort: null });
  env = resolveEnv(rawEnv());
});

afterAll(async () => {
  await tenant?.close();
  if (saved === undefined) delete process.env.LOCAL_TENANT_RECORD_FILE;
  else process.env.LOCAL_TENANT_RECORD_FILE = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('the validator', () => {
  const validator = new OasValidator();
  const exchange = (over: Partial<Exchange>): Exchange => ({
    method: 'GET',
    path: '/api/v2/keys/signing/kid1',
    query: {},
    requestBody: null,
    status: 404,
    contentType: 'application/json',
    body: { statusCode: 404, error: 'Not Found', message: 'Signing key not found.' },
    ...over,
  });

  it('passes an answer in the documented shape', () => {
    expect(validator.check(exchange({}))).toEqual([]);
  });

  it('names an undocumented status, an unlisted field and a query Auth0 refuses', () => {
    const revoke = { method: 'PUT', path: '/api/v2/keys/signing/kid1/revoke' };
    const body = { statusCode: 409, error: 'Conflict', message: 'Already revoked.' };
    expect(validator.check(exchange({ ...revoke, status: 409, body }))).toEqual([
      {
        operation: 'PUT /keys/signing/{kid}/revoke',
        status: 409,
        problem: 'status 409 is not documented',
      },
    ]);
    // The answer the tenant gave before passkey renames moved to the My Account API.
    const renamed = exchange({
      method: 'PATCH',
      path: '/api/v2/users/auth0%7Cbob/authentication-methods/passkey%7Cx',
      requestBody: { name: 'Laptop' },
      status: 200,
      body: { id: 'passkey|x', type: 'passkey', name: 'Laptop', enrolled_at: 'now' },
    });
    expect(validator.check(renamed).map((v) => v.problem)).toEqual([
      'body: / must NOT have additional properties (enrolled_at); /type must be equal to one of the allowed values (["phone","email","totp","webauthn-roaming"])',
    ]);
    const logs = exchange({
      path: '/api/v2/users/auth0%7Calice/logs',
      query: { per_page: '0' },
      status: 200,
      body: [],
    });
    expect(validator.check(logs)[0]?.problem).toMatch(/accepted query per_page=0/);
  });

  it('reads a repeated query parameter as the array OpenAPI makes it', () => {
    const connections = exchange({
      path: '/api/v2/connections',
      query: { strategy: 'auth0' },
      status: 200,
      body: { connections: [] },
    });
    expect(validator.check(connections)).toEqual([]);
    expect(
      validator.check({ ...connections, query: { strategy: 'no-such-strategy' } })[0]?.problem,
    ).toMatch(/accepted query strategy=no-such-strategy/);
  });
});

describe('a representative recording of the calls Keyward and the doctor make', () => {
  it('has every answer in Auth0’s published schemas', async () => {
    // The doctor: its whole read, and --fix of a removed MRRT policy (PATCH /clients/{id}).
    const e = expectationsFrom(env, rawEnv());
    const doctor = doctorClient(env);
    const control = (body: unknown) =>
      fetch(`${tenant.url}/_local/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await control({ break: 'mrrt_policy' })).ok).toBe(true);
    const snapshot = await readTenant(doctor, e);
    for (const action of mergeActions(runChecks(e, snapshot), snapshot)) {
      await applyAction(doctor, action);
    }
    await readTenant(doctor, e);

    // Keyward's own Management calls, as lib/ makes them (the same connection settings).
    const mgmt = new ManagementClient({ ...managementConnection(env.management), maxRetries: 0 });
    const methods = mgmt.users.authenticationMethods;
    await mgmt.users.get(alice.user_id);
    const list = (await methods.list(alice.user_id, { page: 0, per_page: 100 })).data;
    const key = list.find((m) => m.type === 'webauthn-roaming');
    const password = list.find((m) => m.type === 'password');
    const passkey = list.find((m) => m.type === 'passkey');
    await methods.update(alice.user_id, key?.id ?? '', { name: 'Office key' });
    // Refusals: a password and a passkey cannot be renamed through the Management API.
    expect(await statusOf(methods.update(alice.user_id, password?.id ?? '', { name: 'x' }))).toBe(
      400,
    );
    if (passkey) {
      expect(await statusOf(methods.update(alice.user_id, passkey.id, { name: 'x' }))).toBe(400);
    }
    expect(await statusOf(methods.get(alice.user_id, 'passkey|no-such-method'))).toBe(404);
    await mgmt.users.logs.list(alice.user_id, { page: 0, per_page: 20 });
    await mgmt.users.sessions.list(alice.user_id, { take: 100 });
    expect(await statusOf(mgmt.users.sessions.list(alice.user_id, { take: 0 }))).toBe(400);

    const keys = await mgmt.keys.signing.list();
    const current = keys.find((k) => k.current);
    await mgmt.keys.signing.get(current?.kid ?? '');
    expect(await statusOf(mgmt.keys.signing.revoke(current?.kid ?? ''))).toBe(403);
    expect(await statusOf(mgmt.keys.signing.revoke('no-such-kid'))).toBe(404);

    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const { counts, violations } = checkRecording(lines);
    expect(violations).toEqual([]);
    // What was recorded: the token, each doctor read, each of Keyward's calls and refusals.
    expect([...counts.keys()]).toEqual(
      expect.arrayContaining([
        'POST /oauth/token 200',
        'GET /clients/{id} 200',
        'PATCH /clients/{id} 200',
        'GET /client-grants 200',
        'GET /resource-servers 200',
        'GET /connections 200',
        'GET /custom-domains 200',
        'GET /prompts 200',
        'GET /guardian/factors 200',
        'GET /guardian/policies 200',
        'GET /users/{id}/authentication-methods 200',
        'PATCH /users/{id}/authentication-methods/{authentication_method_id} 200',
        'PATCH /users/{id}/authentication-methods/{authentication_method_id} 400',
        'GET /users/{id}/logs 200',
        'GET /users/{user_id}/sessions 200',
        'GET /users/{user_id}/sessions 400',
        'GET /keys/signing 200',
        'PUT /keys/signing/{kid}/revoke 403',
        'PUT /keys/signing/{kid}/revoke 404',
      ]),
    );
  });
});
