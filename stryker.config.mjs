// Mutation testing of the guard and policy modules: `npm run test:mutation` (not part of npm test;
// it takes a while). Results and the surviving mutants are discussed in docs/mutation.md.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The unit tests that talk to the in-process local tenant do not need Keyward's Management API
// budget (2 requests/s by default, for a real tenant's Free plan); waiting on it would multiply
// the run time by ten. Tests that set their own value keep it, and the budget's own tests
// (lib/rate-limits) are not in this run.
process.env.AUTH0_MGMT_RPS ??= '1000';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: {
    configFile: 'vitest.config.mts',
    // Not vitest's `related`: it follows static imports only, and the tests that import routes and
    // lib/ modules after pointing lib/env at an in-process tenant import them dynamically, so it
    // would silently leave them out of every mutant's run. perTest coverage picks the tests.
    related: false,
  },
  mutate: [
    'lib/http/**/*.ts',
    'lib/session.ts',
    'lib/factors/**/*.ts',
    'lib/signing-keys/guards.ts',
    'lib/webauthn/**/*.ts',
    'lib/locks/**/*.ts',
    '!**/*.test.ts',
    // Test support: the software authenticator the tests register with.
    '!lib/webauthn/test-authenticator.ts',
  ],
  // The test files that exercise these modules (others, e.g. lib/rate-limits, test modules that
  // are not mutated here).
  testFiles: [
    'test/routes/**/*.test.ts',
    'lib/session.test.ts',
    'lib/http/**/*.test.ts',
    'lib/factors/**/*.test.ts',
    'lib/signing-keys/**/*.test.ts',
    'lib/webauthn/**/*.test.ts',
    'lib/passkeys/**/*.test.ts',
    'lib/locks/**/*.test.ts',
  ],
  // Each mutant runs only the tests that reached its code.
  coverageAnalysis: 'perTest',
  // Mutants in module-level constants would need every test file re-run for each one.
  ignoreStatic: true,
  // The machine has two cores and people working on it.
  concurrency: 2,
  timeoutMS: 10_000,
  // Outside the repository, so no one's `vitest run` picks up the sandbox's copies of the tests.
  tempDirName: join(tmpdir(), 'keyward-stryker'),
  ignorePatterns: [
    '.next',
    '.local-tenant',
    'coverage',
    'test-results',
    'playwright-report',
    'blob-report',
    'e2e',
    'reliability',
    'docs',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // coverage/ is git-ignored.
  htmlReporter: { fileName: 'coverage/mutation/index.html' },
  jsonReporter: { fileName: 'coverage/mutation/mutation.json' },
  thresholds: { high: 80, low: 60, break: null },
};
