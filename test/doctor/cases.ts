// Every setting `npm run doctor` checks, as the local tenant's test control breaks it
// (POST /_local/config `{ break }`): the doctor's check, what it must say, and whether --fix
// repairs it. Shared by the doctor's integration test and e2e/tenant-config.spec.ts.

export type DoctorCase = readonly [
  breakName: string,
  checkId: string,
  status: 'MISSING' | 'WRONG' | 'WARN' | 'OFF',
  fixable: boolean,
];

export const DOCTOR_CASES: readonly DoctorCase[] = [
  ['callbacks', 'app.callbacks', 'MISSING', true],
  ['logout_urls', 'app.logout_urls', 'MISSING', true],
  ['web_origins', 'app.web_origins', 'MISSING', true],
  ['allowed_origins', 'app.allowed_origins', 'MISSING', true],
  ['refresh_token_grant', 'app.grant_types', 'MISSING', true],
  ['rotation', 'app.rotation', 'WRONG', true],
  ['mrrt_policy', 'app.mrrt_policy', 'MISSING', true],
  ['backchannel_logout', 'app.backchannel_logout', 'MISSING', true],
  ['password_changed_logout', 'app.backchannel_logout', 'WARN', true],
  ['oidc_conformant', 'app.oidc_conformant', 'WRONG', true],
  ['my_account_api', 'apis.my_account_api', 'MISSING', false],
  ['my_account_grant', 'apis.my_account_grant', 'MISSING', true],
  ['m2m_scope', 'apis.management_grant', 'MISSING', true],
  ['m2m_extra_scope', 'apis.management_grant', 'WARN', false],
  ['universal_login', 'signin.universal_login', 'WRONG', false],
  ['identifier_first', 'signin.identifier_first', 'WRONG', false],
  ['custom_login_page', 'signin.custom_login_page', 'WRONG', true],
  ['passkey_policy', 'signin.passkey_policy', 'MISSING', true],
  ['custom_domain', 'domains.custom_domain', 'MISSING', false],
  ['management_domain', 'domains.management_domain', 'WRONG', false],
  ['security_keys_factor', 'domains.security_keys_factor', 'MISSING', false],
  ['mfa_policy', 'domains.mfa_policy', 'MISSING', false],
  ['plan_sessions', 'plan.sessions', 'OFF', false],
  ['plan_logs', 'plan.logs', 'OFF', false],
];

/**
 * Two breaks show in a second line too: without read:sessions the sessions probe cannot tell,
 * and without a custom domain the security keys' RP ID has nothing to match.
 */
export const ALSO: Record<string, string> = {
  m2m_scope: 'plan.sessions MISSING',
  custom_domain: 'domains.webauthn_rp_id WRONG',
};

/** Every check the doctor has: each must be named by some break (or its second line). */
export const CHECK_IDS = [
  ...new Set([
    ...DOCTOR_CASES.map(([, id]) => id),
    ...Object.values(ALSO).map((l) => l.split(' ')[0] ?? ''),
  ]),
];

/** The not-OK lines, except create:users, which the test-mode tenant grants for seeding. */
export function problems(results: readonly { id: string; status: string; detail: string }[]) {
  return results
    .filter((r) => r.status !== 'OK' && !/create:users$/.test(r.detail.replace(/\.$/, '')))
    .map((r) => `${r.id} ${r.status}`);
}
