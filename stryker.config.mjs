// Mutation testing of the safety modules: `npm run test:mutation` (scripts/mutation.ts; not part of
// npm test, a full run takes hours on 2 cores). docs/mutation.md is generated from its results.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The unit tests that talk to the in-process local tenant do not need Keyward's Management API
// budget (2 requests/s by default, for a real tenant's Free plan); waiting on it would multiply
// the run time by ten. Tests that set their own value keep it (the budget's own tests, in
// lib/rate-limits, stub Auth0's Free-plan figure).
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
  // Every module a safety decision depends on: what guards, limits, locks, records or verifies.
  // scripts/mutation.ts runs this scope (or the part of it changed since a ref), docs/mutation.md
  // lists the result per file.
  mutate: [
    // Guards: the route wrapper, sessions, recent sign-in, roles, same-origin, body limits.
    'lib/http/**/*.ts',
    'lib/session.ts',
    'lib/security/headers.ts',
    'proxy.ts',
    // Each route's options (session, admin, recentAuth, limit, body schema) and its thin handler.
    'app/**/route.ts',
    // Sessions, back-channel logout, logout tokens, the session stores.
    'lib/sessions/**/*.ts',
    'lib/auth0.ts',
    'lib/env.ts',
    // Factors: the policy, ownership, renames and removals, pending removals, unconfirmed adds.
    'lib/factors/**/*.ts',
    'lib/passkeys/**/*.ts',
    'lib/password/**/*.ts',
    // Signing keys: guards, and the revoke intents and rotation marks in actions.ts.
    'lib/signing-keys/**/*.ts',
    // WebAuthn ceremonies, challenge cookies, used challenges.
    'lib/webauthn/**/*.ts',
    // Locks, their timing and the work budget under them.
    'lib/locks/**/*.ts',
    'lib/core/work-scope.ts',
    // Limits: per-route and per-address limits, the Management API budget.
    'lib/rate-limits/**/*.ts',
    'lib/management/**/*.ts',
    // Records: the durable TTL store the safety records live in, the activity's change records,
    // the notification outbox.
    'lib/state/**/*.ts',
    'lib/activity/change-records.ts',
    'lib/notifications/**/*.ts',
    // The embed: handoff codes, frame policy, session exchange, the element and the frame's bridge.
    'lib/embed/**/*.ts',
    'public/embed.js',
    'components/embed/embed-bridge.tsx',
    '!**/*.test.ts',
    '!**/*.test.tsx',
    // Test support: the software authenticator the tests register with.
    '!lib/webauthn/test-authenticator.ts',
  ],
  // The test files that exercise these modules. Not test/embed/embed-element.test.ts: it compares
  // public/embed.js's text with the package's build, which Stryker's instrumented copy never
  // matches (the DOM tests, test/embed/*-dom.test.ts and embed-element-*.test.ts, run the served
  // file in happy-dom instead). Not the contract suite (a real tenant) nor Playwright.
  testFiles: [
    'test/routes/**/*.test.ts',
    'test/embed/*-dom.test.ts',
    'test/embed/embed-element-*.test.ts',
    'lib/session.test.ts',
    'lib/env.test.ts',
    'lib/http/**/*.test.ts',
    'lib/security/**/*.test.ts',
    'lib/sessions/**/*.test.ts',
    'lib/factors/**/*.test.ts',
    'lib/passkeys/**/*.test.ts',
    'lib/password/**/*.test.ts',
    'lib/signing-keys/**/*.test.ts',
    'lib/webauthn/**/*.test.ts',
    'lib/locks/**/*.test.ts',
    'lib/core/**/*.test.ts',
    'lib/rate-limits/**/*.test.ts',
    'lib/management/**/*.test.ts',
    'lib/state/**/*.test.ts',
    'lib/activity/**/*.test.ts',
    'lib/notifications/**/*.test.ts',
    'lib/embed/**/*.test.ts',
    'components/embed/**/*.test.ts',
    'components/embed/**/*.test.tsx',
  ],
  // Each mutant runs only the tests that reached its code.
  coverageAnalysis: 'perTest',
  // Mutants in module-level constants would need every test file re-run for each one.
  ignoreStatic: true,
  // The machine has two cores and people working on it; `--concurrency` overrides.
  concurrency: 2,
  // Incremental: a re-run tests only the mutants whose code or covering tests changed. The file is
  // committed (scripts/mutation.ts keeps the results of files a partial run did not mutate).
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  timeoutMS: 10_000,
  // The initial run of every test file with per-test coverage: minutes on a busy 2-core machine
  // (Stryker's default gives up after 5).
  dryRunTimeoutMinutes: 30,
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
