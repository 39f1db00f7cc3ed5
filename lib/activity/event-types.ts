import type { ActivityKind } from './types';

/**
 * Auth0's log event type codes (docs: "Log Event Type Codes", deploy-monitor/logs) that a person
 * cares about, in plain words (the kind's message). Everything else — token exchanges, silent
 * authentication, Management API reads, notifications sent — is left out.
 *
 * `fromRequest`: the event says what changed only through `details.request` (method and path):
 * Auth0's `sapi` (any Management API write, most of them not about sign-in methods) and the My
 * Account API's `my_account_authentication_method_succeeded` (its `details.operation` values are
 * not documented).
 */
export const EVENT_TYPES: Readonly<Record<string, ActivityKind | 'fromRequest'>> = {
  // Successful login; a passkey sign-in carries performed_amr "phr" (map-activity.ts).
  s: 'signIn',
  f: 'signInFailed', // Failed Login
  fp: 'signInFailed', // Failed Login (Incorrect Password)
  fu: 'signInFailed', // Failed Login (Invalid Email/Username)
  gd_auth_failed: 'signInFailed', // MFA Auth failed (a wrong code)
  gd_recovery_failed: 'signInFailed', // wrong recovery code
  limit_wc: 'signInBlocked', // too many failed attempts on this account
  limit_sul: 'signInBlocked', // too many sign-ins from one address
  slo: 'signedOut', // Success Logout
  scp: 'passwordChanged', // Success Change Password
  fcp: 'passwordChangeFailed', // Failed Change Password
  scpr: 'passwordResetRequested', // Success Change Password Request (a reset link was sent)
  gd_enrollment_complete: 'methodAdded', // MFA or passkey enrolment complete
  gd_unenroll: 'methodRemoved', // second-factor device unenrolled
  my_account_authentication_method_succeeded: 'fromRequest',
  sapi: 'fromRequest',
};
