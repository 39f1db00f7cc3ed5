import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run test:reliability`: the reliability suite (reliability/), with the same Chromium and
// fixtures as the e2e suite, one worker, against the production build. It measures and saves
// figures; the global teardown writes them to docs/reliability.md. Server output goes to
// test-results/reliability/servers.log instead of the terminal.
process.env.E2E_SERVER_LOG ??= 'test-results/reliability/servers.log';

export default defineConfig({
  ...base,
  testDir: 'reliability',
  outputDir: 'test-results/reliability',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 420_000,
  reporter: [['list']],
  globalSetup: './reliability/support/global-setup.ts',
  globalTeardown: './reliability/support/global-teardown.ts',
});
