import { runWithLocalTenant } from './with-local-tenant';

runWithLocalTenant('start').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
