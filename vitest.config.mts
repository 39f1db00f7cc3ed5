import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@/': fileURLToPath(new URL('./', import.meta.url)),
      // 'server-only' throws outside React's server bundle; in Node tests every module is server-side.
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', 'test/contract/**'],
    environment: 'node',
    // Tests that drive the app's code against the in-process tenant spend its Management API
    // freely; a test about the budget sets its own.
    // A data folder of this run's own: the safety records (state.sqlite) are durable, and a
    // previous run's, or the repo's .keyward/, must not answer for this one.
    env: { AUTH0_MGMT_RPS: '1000', KEYWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'keyward-unit-')) },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
