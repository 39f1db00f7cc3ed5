import {
  evaluateRemoval,
  hasOutsideFallback,
  PASSWORDLESS,
  type PolicyKnobs,
  type PolicyMethod,
  type PolicyState,
  PRIMARY,
  SECOND_FACTOR,
} from './policy';
import type { Factor, FactorKind, FactorsView, Identity } from './types';

// The security checkup at the top of /security, and the "what you are left with" warning of the
// remove dialog. Both read the account through the lockout rule's own definitions (policy.ts):
// what signs in on its own, what is a second step, and which identities are a way back in, so the
// checkup can never call an account safe that the rule would treat as one step from lockout.
// Pure and free of server code: the page and the browser run the same function on the same view.

/** "A passkey not used in 6 months". */
export const STALE_AFTER_DAYS = 183;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How the account signs in right now, in the policy's terms. */
export type Protection = {
  passkeys: number;
  password: boolean;
  /** Social and enterprise identities that sign the person in at their provider. */
  identities: Identity[];
  /** EMAIL_RESET_IS_FALLBACK: the mailbox (or a passwordless connection) counts as a way back in. */
  emailReset: boolean;
  /** The kinds of second step the account has, in FACTOR_KINDS order, each once. */
  secondSteps: FactorKind[];
};

export type Suggestion =
  /** No passkey yet (and Auth0 can give this account one). */
  | { id: 'add-first-passkey' }
  /** Security keys only work as a second step; a passkey signs in on its own. */
  | { id: 'add-passkey-not-only-security-key' }
  /** One passkey, and it lives on one device only. */
  | { id: 'add-backup-passkey'; factorId: string; name: string }
  /** One passkey, and besides it only the password gets the person back in. */
  | { id: 'add-passkey-password-fallback' }
  /** A passkey nobody has used for 6 months: still have it? */
  | {
      id: 'stale-passkey';
      factorId: string;
      name: string;
      /** When it was last used, or null when never (then `since` is when it was added). */
      lastUsedAt: string | null;
      since: string;
    };

export type Checkup = { protection: Protection; suggestions: Suggestion[] };

export type CheckupInput = {
  view: FactorsView;
  knobs: PolicyKnobs;
  /** The person has an email address (only matters with EMAIL_RESET_IS_FALLBACK). */
  hasEmail: boolean;
  now: number;
};

/** The view's rows as the policy sees them. Listed methods are the confirmed ones Auth0 shows. */
function policyState(input: Pick<CheckupInput, 'view' | 'hasEmail'>): PolicyState {
  const methods: PolicyMethod[] = input.view.factors.map((f) => ({
    id: f.id,
    kind: f.kind,
    confirmed: true,
    linkId: null,
  }));
  return { methods, identities: input.view.identities, hasEmail: input.hasEmail };
}

const SECOND_STEP_ORDER: readonly FactorKind[] = ['security-key', 'totp', 'phone', 'email', 'push'];

/** What a policy state signs in with. */
export function protectionOf(state: PolicyState, knobs: PolicyKnobs): Protection {
  const kinds = state.methods.filter((m) => m.confirmed).map((m) => m.kind);
  const alone = kinds.filter((k) => PRIMARY.has(k));
  // The policy's own test of an outside way back in, asked one identity at a time, so the page
  // names exactly the identities the lockout rule counts.
  const countsAlone = (identity: Identity) =>
    hasOutsideFallback({ methods: [], identities: [identity], hasEmail: state.hasEmail }, knobs);
  const outside = state.identities.filter(countsAlone);
  // The database identity (a reset mail) and passwordless connections count only through the
  // mailbox or phone; everything else is an account at another provider.
  const viaMailbox = (i: Identity) => i.provider === 'auth0' || PASSWORDLESS.has(i.provider);
  return {
    passkeys: alone.filter((k) => k === 'passkey').length,
    password: alone.includes('password'),
    identities: outside.filter((i) => !viaMailbox(i)),
    emailReset: outside.some(viaMailbox),
    secondSteps: SECOND_STEP_ORDER.filter((k) => SECOND_FACTOR.has(k) && kinds.includes(k)),
  };
}

function lastActivity(factor: Factor): string | null {
  return factor.lastUsedAt ?? factor.createdAt;
}

function stalePasskey(passkeys: Factor[], now: number): Suggestion | null {
  const stale = passkeys
    .filter((f) => f.removable)
    .filter((f) => {
      const at = lastActivity(f);
      return at !== null && now - Date.parse(at) >= STALE_AFTER_DAYS * DAY_MS;
    })
    .sort((a, b) => Date.parse(lastActivity(a) ?? '') - Date.parse(lastActivity(b) ?? ''));
  const oldest = stale[0];
  const since = oldest ? lastActivity(oldest) : null;
  if (!oldest || since === null) return null;
  return {
    id: 'stale-passkey',
    factorId: oldest.id,
    name: oldest.name,
    lastUsedAt: oldest.lastUsedAt,
    since,
  };
}

function addSuggestion(view: FactorsView, protection: Protection): Suggestion | null {
  if (!view.canAddPasskey) return null;
  const passkeys = view.factors.filter((f) => f.kind === 'passkey');
  if (passkeys.length === 0) {
    return view.factors.some((f) => f.kind === 'security-key')
      ? { id: 'add-passkey-not-only-security-key' }
      : { id: 'add-first-passkey' };
  }
  const [only] = passkeys;
  if (passkeys.length > 1 || !only) return null;
  const outside = protection.identities.length > 0 || protection.emailReset;
  if (only.synced === false || (!protection.password && !outside)) {
    return { id: 'add-backup-passkey', factorId: only.id, name: only.name };
  }
  if (protection.password && !outside) return { id: 'add-passkey-password-fallback' };
  return null;
}

/**
 * One sentence's worth of facts about the account, and at most two next steps: one way to add a
 * passkey (the most useful of the reasons above), then a passkey to review.
 */
export function runCheckup(input: CheckupInput): Checkup {
  const protection = protectionOf(policyState(input), input.knobs);
  const passkeys = input.view.factors.filter((f) => f.kind === 'passkey');
  const suggestions = [
    addSuggestion(input.view, protection),
    stalePasskey(passkeys, input.now),
  ].filter((s): s is Suggestion => s !== null);
  return { protection, suggestions: suggestions.slice(0, 2) };
}

/**
 * The one action the page shows as primary: the checkup's step that adds a passkey, when there is
 * one. Everything else, the lists' own "Add a passkey" / "Add a security key" included, is a
 * secondary button, so a step never sits above another primary button, and "Nothing to do right
 * now" comes with no primary button at all. A passkey to review is never pressed on anyone.
 */
export function primaryStep(checkup: Checkup): Suggestion['id'] | null {
  return checkup.suggestions.find((s) => s.id !== 'stale-passkey')?.id ?? null;
}

/** What removing a row would take away, for the confirmation to say before anyone confirms. */
export type ProtectionDrop =
  /** The last passkey goes: the person signs in with what `after` lists. */
  | { kind: 'last-passkey'; after: Protection }
  /** The last second step goes: signing in takes one step from now on. */
  | { kind: 'last-second-step'; after: Protection };

/**
 * Null when the account keeps what it had (another passkey, another second step), or when the
 * policy refuses the removal anyway (the dialog then shows the refusal instead).
 */
export function protectionDrop(
  factorId: string,
  input: Pick<CheckupInput, 'view' | 'knobs' | 'hasEmail'>,
): ProtectionDrop | null {
  const state = policyState(input);
  const target = state.methods.find((m) => m.id === factorId);
  if (!target || !evaluateRemoval(target, state, input.knobs).allowed) return null;
  const before = protectionOf(state, input.knobs);
  const after = protectionOf(
    { ...state, methods: state.methods.filter((m) => m.id !== factorId) },
    input.knobs,
  );
  if (target.kind === 'passkey' && before.passkeys > 0 && after.passkeys === 0) {
    return { kind: 'last-passkey', after };
  }
  if (SECOND_FACTOR.has(target.kind) && after.secondSteps.length === 0) {
    return { kind: 'last-second-step', after };
  }
  return null;
}
