import { exitWith, runWithLocalTenant } from './with-local-tenant';

runWithLocalTenant('start').catch(exitWith);
