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
    env: { AUTH0_MGMT_RPS: '1000' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
