import type { FactorKind, Identity } from './types';

/** What the removal policy needs to know about one method. */
export type PolicyMethod = {
  id: string;
  kind: FactorKind;
  /** Auth0 `confirmed`; an unconfirmed method cannot sign anyone in, so it never counts. */
  confirmed: boolean;
  /** Auth0 `link_id`: linked methods are deleted together. */
  linkId: string | null;
};

export type PolicyState = {
  methods: PolicyMethod[];
  identities: Identity[];
  /** The user has an email address, which a password reset would be sent to. */
  hasEmail: boolean;
};

export type PolicyKnobs = { requireMfa: boolean; emailResetIsFallback: boolean };

export type RemovalDecision =
  | { allowed: true }
  | { allowed: false; code: 'last_factor' | 'not_removable'; reason: string };

export const REASONS = {
  password:
    'Your password can’t be removed here. To change it, choose “Change password” under “Password and recovery”.',
  lastPasskey:
    'This is the only way you can sign in. Add another passkey first, so you don’t get locked out.',
  lastSecondFactor:
    'Your account needs a second step when you sign in, and this is the only one you have. Add another security key or an authenticator app first, so you don’t get locked out.',
} as const;

// Ways to sign in on their own. Security keys (`webauthn-roaming` / `webauthn-platform`) are not
// here: Auth0 accepts them only as a second step after another first factor, so a user whose
// last passkey goes would be left with no way to start a sign-in, whatever keys remain.
export const PRIMARY: ReadonlySet<FactorKind> = new Set(['passkey', 'password']);

// Second steps for REQUIRE_MFA. Recovery codes (Auth0's `recovery-code` method) count nowhere in
// this rule, neither here nor in PRIMARY:
// - Not a way to sign in: Auth0 takes a recovery code only at the MFA step, with the `mfa_token`
//   of a first-factor sign-in (grant `mfa-recovery-code`), and only while the tenant's
//   recovery-code factor is on. The contract suite checks it (Q10: the grant without an
//   `mfa_token` is refused).
// - Not the last second step either: whether Auth0 still challenges with it once every other
//   factor is deleted is UNCONFIRMED (Q11, answered only on a tenant with MFA set up). Counting it
//   wrongly would leave a one-time code as the only way through MFA, so until a real tenant says
//   yes it never keeps a second factor removable.
export const SECOND_FACTOR: ReadonlySet<FactorKind> = new Set([
  'security-key',
  'totp',
  'phone',
  'email',
  'push',
]);

/** The method and everything Auth0 deletes with it through `link_id`. */
function removedWith(target: PolicyMethod, methods: PolicyMethod[]): Set<string> {
  const ids = new Set([target.id]);
  for (const m of methods) {
    if (m.linkId === target.id) ids.add(m.id);
    if (target.linkId !== null && (m.id === target.linkId || m.linkId === target.linkId)) {
      ids.add(m.id);
    }
  }
  return ids;
}

// Passwordless connections: a mailbox or a phone number that receives one-time codes.
export const PASSWORDLESS: ReadonlySet<string> = new Set(['email', 'sms']);

/**
 * Sign-in routes that live outside the methods list. A social or enterprise identity (any
 * provider other than the `auth0` database and the passwordless connections) signs the person in
 * at its provider.
 *
 * With EMAIL_RESET_IS_FALLBACK, a mailbox or phone counts as a way back in: a database user's
 * email address through "Forgot password?", and a passwordless `email` or `sms` identity through
 * its one-time codes. It is off by default: it would make the mailbox (or the phone number) the
 * only key to the account, so whoever reads it could take the account over.
 */
export function hasOutsideFallback(state: PolicyState, knobs: PolicyKnobs): boolean {
  const { identities } = state;
  if (identities.some((i) => i.provider !== 'auth0' && !PASSWORDLESS.has(i.provider))) return true;
  if (!knobs.emailResetIsFallback) return false;
  if (identities.some((i) => PASSWORDLESS.has(i.provider))) return true;
  return state.hasEmail && identities.some((i) => i.provider === 'auth0');
}

/**
 * The one lockout rule. The list uses it for `removable` / `blockedReason`, and the revoke handler
 * runs it again under the per-user lock on methods freshly read from Auth0.
 */
export function evaluateRemoval(
  target: PolicyMethod,
  state: PolicyState,
  knobs: PolicyKnobs,
): RemovalDecision {
  // Auth0 has no "remove password" for a user; it is changed through the reset flow.
  if (target.kind === 'password') {
    return { allowed: false, code: 'not_removable', reason: REASONS.password };
  }

  const removed = removedWith(target, state.methods);
  const going = state.methods.filter((m) => removed.has(m.id) && m.confirmed);
  const staying = state.methods.filter((m) => !removed.has(m.id) && m.confirmed);
  const count = (list: PolicyMethod[], kinds: ReadonlySet<FactorKind>) =>
    list.filter((m) => kinds.has(m.kind)).length;

  if (
    count(going, PRIMARY) > 0 &&
    count(staying, PRIMARY) === 0 &&
    !hasOutsideFallback(state, knobs)
  ) {
    return { allowed: false, code: 'last_factor', reason: REASONS.lastPasskey };
  }

  if (knobs.requireMfa && count(going, SECOND_FACTOR) > 0 && count(staying, SECOND_FACTOR) === 0) {
    return { allowed: false, code: 'last_factor', reason: REASONS.lastSecondFactor };
  }

  return { allowed: true };
}
