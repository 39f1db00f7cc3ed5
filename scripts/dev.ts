import { runWithLocalTenant } from './with-local-tenant';

runWithLocalTenant('dev').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
