import type { Management } from 'auth0';

// The doctor's vocabulary: what it read from the tenant, what it expects (from Keyward's own
// configuration), and what each check found.

export type Status = 'OK' | 'MISSING' | 'WRONG' | 'OFF' | 'WARN';

/** A read that failed (a missing scope, an unknown endpoint): its status and Auth0's message. */
export type ReadFailure = { failed: true; status: number | null; message: string };
export type Read<T> = T | ReadFailure;

export const failed = <T>(read: Read<T>): read is ReadFailure =>
  typeof read === 'object' && read !== null && (read as ReadFailure).failed === true;

export type Connection = Management.ConnectionForList & {
  options?: Management.ConnectionPropertiesOptions;
};

/** A plan-gated feature, found by trying its read: `on`, `off` (the plan lacks it), or not told. */
export type Feature = 'on' | 'off' | { failed: true; status: number | null; message: string };

export interface TenantSnapshot {
  app: Read<Management.Client>;
  m2m: Read<Management.Client>;
  grants: Read<Management.ClientGrantResponseContent[]>;
  resourceServers: Read<Management.ResourceServer[]>;
  connections: Read<Connection[]>;
  customDomains: Read<Management.CustomDomain[]>;
  prompts: Read<Management.GetSettingsResponseContent>;
  factors: Read<Management.GuardianFactor[]>;
  policies: Read<Management.MfaPolicyEnum[]>;
  sessions: Feature;
  logs: Feature;
}

/** What Keyward's configuration (lib/env.ts) implies the tenant must hold. */
export interface Expectations {
  /** Real tenant, or the local one (whose http URLs and loopback hosts are fine). */
  local: boolean;
  appBaseUrl: string;
  appClientId: string;
  m2mClientId: string;
  /** The sign-in domain's host (AUTH0_DOMAIN: the tenant's, or a custom domain). */
  signInHost: string;
  /** The host Keyward gets Management tokens through and calls (AUTH0_MANAGEMENT_DOMAIN). */
  managementHost: string;
  /** Whether AUTH0_MANAGEMENT_DOMAIN was set (else it follows AUTH0_DOMAIN). */
  managementHostSet: boolean;
  managementAudience: string;
  myAccountAudience: string;
  /** WEBAUTHN_RP_ID, or the app's host when unset. */
  rpId: string;
  callbackUrl: string;
  backchannelLogoutUrl: string;
}

/** A write --fix can make through the Management API. */
export type FixAction =
  | { kind: 'patch-client'; clientId: string; body: Management.UpdateClientRequestContent }
  | { kind: 'create-grant'; body: Management.CreateClientGrantRequestContent }
  | { kind: 'patch-grant'; grantId: string; body: Management.UpdateClientGrantRequestContent }
  | {
      kind: 'patch-connection';
      connectionId: string;
      body: { options: Management.ConnectionPropertiesOptions };
    };

export interface CheckResult {
  /** Stable id, e.g. `app.mrrt_policy` (tests and --json key on it). */
  id: string;
  section: string;
  title: string;
  status: Status;
  /** What was found, in a sentence. */
  detail: string;
  /** How to fix it by hand: the Dashboard path or the Management API call. */
  fix?: string;
  /** The write --fix makes, when it can. */
  action?: FixAction;
}
