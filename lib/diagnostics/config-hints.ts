import 'server-only';
import { log } from '@/lib/core/log';
import { processShared } from '@/lib/core/registry';

// When Auth0 refuses because of how the tenant is set up, rather than because of the person or
// the moment, the operator's log names the setting, once per process and reason (not per
// request), and the person sees a plain message instead of being sent to sign in again, which
// would only end in the same refusal. `npm run doctor` checks every one of these settings.

export type ConfigReason =
  | 'my_account_refresh'
  | 'my_account_2fa'
  | 'management_scope'
  | 'plan_sessions'
  | 'plan_logs';

const HINTS: Record<ConfigReason, string> = {
  my_account_refresh:
    "Auth0 refused to exchange the refresh token for a My Account API token. Check the application's Multi-Resource Refresh Token policy (PATCH /api/v2/clients/{id} refresh_token.policies: audience https://{AUTH0_DOMAIN}/me/, scope create:me:authentication_methods; Auth0 silently ignores a policy whose audience or scopes match no API), that the My Account API is activated, and the application's client grant on it. Run npm run doctor.",
  my_account_2fa:
    'Auth0 refused the My Account token with unmet_authentication_requirements: the My Account API\'s "Require 2FA" policy refuses refreshes more than 15 minutes after 2FA. Set the My Account API\'s policy to none (Dashboard → Applications → APIs → My Account API → Settings) to let Keyward add passkeys.',
  management_scope:
    "The Management API refused Keyward's M2M token for a missing scope. Grant the M2M application every scope in lib/management/scopes.ts. Run npm run doctor.",
  plan_sessions:
    'The tenant\'s plan does not include the sessions endpoints (Enterprise): Keyward hides "Where you\'re signed in".',
  plan_logs: "The tenant's plan does not include user logs: Keyward hides the recent activity.",
};

// Once per process, not per bundle (lib/core/registry.ts).
const told = () => processShared('config-hints-told', () => new Set<ConfigReason>());

/** Logs the setting behind `reason`, the first time only in this process. */
export function reportConfig(reason: ConfigReason): void {
  if (told().has(reason)) return;
  told().add(reason);
  log('error', 'tenant_misconfigured', { reason, hint: HINTS[reason] });
}

/** For tests: forget what was told. */
export function forgetReported(): void {
  told().clear();
}

/**
 * What a refused refresh for the My Account API says about the tenant: null when only a fresh
 * sign-in helps (the refresh token expired, was revoked or rotated away: `invalid_grant`, or no
 * refresh token at all); otherwise the setting at fault. Auth0's exact code for a missing MRRT
 * policy is unconfirmed, so every other OAuth refusal counts as configuration: a loop of
 * sign-ins is the one answer that is never right.
 */
export function refreshRefusalReason(oauthCode: string | undefined): ConfigReason | null {
  if (oauthCode === undefined || oauthCode === 'invalid_grant') return null;
  if (oauthCode === 'unmet_authentication_requirements') return 'my_account_2fa';
  if (
    [
      'access_denied',
      'unauthorized_client',
      'invalid_scope',
      'invalid_request',
      'invalid_target',
    ].includes(oauthCode)
  ) {
    return 'my_account_refresh';
  }
  return null;
}
