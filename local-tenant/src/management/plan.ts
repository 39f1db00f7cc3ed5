import type { Tenant } from '../tenant';
import { ApiError } from './errors';

/**
 * Refuses a read or write of a feature the tenant's plan lacks (sessions: Enterprise; logs: by
 * retention), turned off through POST /_local/config. Auth0's exact answer is unconfirmed; it is
 * a 403 that is not `insufficient_scope`, which is all Keyward and the doctor rely on.
 */
export function requirePlan(tenant: Tenant, feature: 'sessions' | 'logs'): void {
  if (tenant.settings.plan[feature]) return;
  throw new ApiError(
    403,
    `This feature is not available on your current plan (${feature}).`,
    'operation_not_supported',
  );
}
