import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The contract suite (test/contract/README.md): the local tenant by default, a real Auth0 tenant
// with CONTRACT_TARGET=auth0. A real tenant is shared state with tight rate limits, so its files
// run one after another and get time for Universal Login and the SDK's 429 retries.
const real = process.env.CONTRACT_TARGET === 'auth0';

export default defineConfig({
  resolve: {
    alias: {
      '@/': fileURLToPath(new URL('./', import.meta.url)),
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/contract/**/*.test.ts'],
    environment: 'node',
    testTimeout: real ? 180_000 : 20_000,
    hookTimeout: real ? 180_000 : 60_000,
    pool: 'forks',
    fileParallelism: !real,
  },
});
