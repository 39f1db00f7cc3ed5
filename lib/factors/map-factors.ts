import type { Management } from 'auth0';
import { deviceName } from '@/lib/authenticators/device-name';
import { providerName } from '@/lib/authenticators/provider-name';
import type { KeyDetails } from './key-details';
import { kindOfType } from './kinds';
import { evaluateRemoval, type PolicyKnobs, type PolicyMethod, type PolicyState } from './policy';
import type { Factor, FactorKind, FactorsView, Identity } from './types';

type Method = Management.UserAuthenticationMethod;

/** What Auth0 knows about a user's ways to sign in: the one input of the view and the policy. */
export type AuthSnapshot = {
  methods: Method[];
  identities: Identity[];
  /** The user has an email address (only used by the EMAIL_RESET_IS_FALLBACK knob). */
  hasEmail: boolean;
  /** What Keyward recorded when it added a security key, by credential id (lib/factors/key-details). */
  keyDetails?: ReadonlyMap<string, KeyDetails>;
};

export const DEFAULT_NAMES: Record<FactorKind, string> = {
  passkey: 'Passkey',
  'security-key': 'Security key',
  password: 'Password',
  totp: 'Authenticator app',
  phone: 'Phone',
  email: 'Email',
  push: 'Push notifications',
  'recovery-code': 'Recovery code',
};

const isCredential = (kind: FactorKind) => kind === 'passkey' || kind === 'security-key';

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

// `credential_backed_up` says the key is synced right now; `multi_device` says it can be and is
// how providers such as Google Password Manager report it, so either means "Synced".
function syncState(m: Method): boolean | null {
  if (m.credential_backed_up === true || m.credential_device_type === 'multi_device') return true;
  if (m.credential_device_type === 'single_device' || m.credential_backed_up === false)
    return false;
  return null;
}

function defaultName(kind: FactorKind, m: Method): string {
  const phone = nonEmpty(m.phone_number);
  if (kind === 'phone' && phone) return `Phone ending in ${phone.slice(-4)}`;
  const email = nonEmpty(m.email);
  if (kind === 'email' && email) return `Email to ${email}`;
  return DEFAULT_NAMES[kind];
}

export function toPolicyMethod(m: Method): PolicyMethod | null {
  const kind = kindOfType(m.type);
  if (!kind) return null;
  return { id: m.id, kind, confirmed: m.confirmed !== false, linkId: nonEmpty(m.link_id) };
}

export function toPolicyState(snapshot: AuthSnapshot): PolicyState {
  return {
    methods: snapshot.methods.map(toPolicyMethod).filter((m): m is PolicyMethod => m !== null),
    identities: snapshot.identities,
    hasEmail: snapshot.hasEmail,
  };
}

/** Auth0's identities, keeping only what the page shows (no tokens, no profile data). */
export function toIdentities(raw: Management.UserIdentitySchema[] | undefined): Identity[] {
  return (raw ?? []).flatMap((i) => {
    const provider = nonEmpty(i.provider);
    if (!provider) return [];
    return [
      { provider, connection: nonEmpty(i.connection) ?? provider, isSocial: i.isSocial === true },
    ];
  });
}

/** The name the page shows for a method (its own, else the provider's, the device's, the kind's). */
export function methodLabel(m: Method): string {
  const kind = kindOfType(m.type);
  if (!kind) return nonEmpty(m.name) ?? m.type;
  const credential = isCredential(kind);
  const provider = credential ? providerName(m.aaguid) : null;
  const device = credential ? deviceName(m.user_agent) : null;
  return nonEmpty(m.name) ?? provider ?? device ?? defaultName(kind, m);
}

/** One Auth0 method as a row, with the policy's answer for it; null for types we do not list. */
export function mapFactor(
  m: Method,
  state: PolicyState,
  policy: PolicyKnobs,
  keyDetails?: ReadonlyMap<string, KeyDetails>,
): Factor | null {
  const target = toPolicyMethod(m);
  if (!target) return null;
  const { kind } = target;
  const credential = isCredential(kind);
  // Auth0's own fields first; Keyward's record fills in what Auth0 keeps no field for.
  const recorded = credential && m.key_id ? keyDetails?.get(m.key_id) : undefined;
  const provider = credential ? (providerName(m.aaguid) ?? recorded?.provider ?? null) : null;
  const device = credential ? (deviceName(m.user_agent) ?? recorded?.device ?? null) : null;
  const decision = evaluateRemoval(target, state, policy);
  return {
    id: m.id,
    kind,
    name: methodLabel(m),
    provider,
    device,
    synced: credential ? syncState(m) : null,
    transports: recorded?.transports.length ? recorded.transports : null,
    createdAt: isoOrNull(m.created_at) ?? isoOrNull(m.enrolled_at),
    lastUsedAt: isoOrNull(m.last_auth_at),
    removable: decision.allowed,
    blockedReason: decision.allowed ? null : decision.reason,
  };
}

/** Auth0 methods and identities to the page's view model. Pure: the page and the API share it. */
export function mapFactors({
  methods,
  identities,
  hasEmail,
  keyDetails,
  policy,
}: AuthSnapshot & { policy: PolicyKnobs }): FactorsView {
  const state = toPolicyState({ methods, identities, hasEmail });
  const factors = methods
    .map((m) => mapFactor(m, state, policy, keyDetails))
    .filter((f): f is Factor => f !== null);
  return { factors, identities, canAddPasskey: identities.some((i) => i.provider === 'auth0') };
}
