import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Exchange,
  type LogoutToken,
  OasValidator,
  type Violation,
} from '../test/schemas/oas-validator';

// npm run test:schemas – runs the suites that talk to the local tenant (its own tests, the lib
// integration tests, the schema test and the contract suite) with the tenant's recorder on, then
// checks every Management API and My Account API answer they got against Auth0's published
// schemas (test/schemas/). Prints how many bodies were checked per operation and every
// violation; exits 1 when there is one (or when a suite failed).
//
//   npm run test:schemas                  # all of them
//   npm run test:schemas -- <vitest files> # only these (default config)

// Every unit-config test file that starts a tenant in-process (the contract suite runs apart).
const defaultFiles = () =>
  spawnSync(
    'git',
    ['grep', '-l', '-E', 'in-process-tenant|startTestTenant|startTenant\\(', '--', '*.test.ts'],
    { encoding: 'utf8' },
  )
    .stdout.split('\n')
    .filter((f) => f && !f.startsWith('test/contract/') && !f.startsWith('e2e/'));

function runVitest(args: string[], file: string): boolean {
  const result = spawnSync('npx', ['vitest', 'run', ...args], {
    stdio: 'inherit',
    env: { ...process.env, LOCAL_TENANT_RECORD_FILE: file },
  });
  return result.status === 0;
}

/** Counts and violations of a recording; exported for the schema test's own use. */
export function checkRecording(lines: string[], validator = new OasValidator()) {
  const counts = new Map<string, number>();
  const violations: Violation[] = [];
  for (const line of lines) {
    const record = JSON.parse(line) as Exchange | ({ kind: 'logout_token' } & LogoutToken);
    if ('kind' in record) {
      const key = 'back-channel logout token';
      counts.set(key, (counts.get(key) ?? 0) + 1);
      violations.push(
        ...validator.checkLogoutToken({ header: record.header, claims: record.claims }),
      );
      continue;
    }
    const exchange = record;
    const op = validator.operation(exchange.method, exchange.path);
    const key = `${op ? `${op.method} ${op.template}` : `${exchange.method} ${exchange.path}`} ${exchange.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    violations.push(...validator.check(exchange));
  }
  return { counts, violations };
}

function main(args: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-schemas-'));
  const file = join(dir, 'exchanges.jsonl');
  try {
    const suitesPassed = [
      runVitest(args.length ? args : defaultFiles(), file),
      ...(args.length ? [] : [runVitest(['--config', 'vitest.contract.config.mts'], file)]),
    ].every(Boolean);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const { counts, violations } = checkRecording(lines);
    console.log('\nAnswers checked against the OAS excerpts (operation, status: bodies):');
    for (const [key, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`  ${key}: ${n}`);
    }
    const unique = new Map<string, number>();
    for (const v of violations) {
      const key = `${v.operation} ${v.status}: ${v.problem}`;
      unique.set(key, (unique.get(key) ?? 0) + 1);
    }
    console.log(`\n${lines.length} bodies validated, ${violations.length} violations.`);
    for (const [key, n] of unique) console.log(`  VIOLATION ×${n} ${key}`);
    if (!suitesPassed) console.log('A suite failed (see above).');
    return violations.length === 0 && suitesPassed ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('check-tenant-schemas.ts')) {
  process.exitCode = main(process.argv.slice(2));
}
