import { exitWith, runWithLocalTenant } from './with-local-tenant';

runWithLocalTenant('dev').catch(exitWith);
