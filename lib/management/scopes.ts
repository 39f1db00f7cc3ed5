// The scopes Keyward needs from Auth0, in one place: the doctor checks the tenant's grants against
// them and the contract suite checks a live token against them. No `server-only`: scripts and
// tests read it too.

/**
 * The Management API scopes of every call Keyward makes (grep lib/ for `mgmt.` / `m.`):
 * users.get; users.authenticationMethods.list/create/update/delete; keys.signing.list, .rotate
 * (create and update), .revoke (update); users.sessions.list/delete and sessions.delete;
 * users.logs.list (read:logs would do too, but is wider than the user's own events);
 * tickets.changePassword (create:user_tickets) for "Change password"; and
 * users.regenerateRecoveryCode, for which Auth0 documents only `update:users`. That scope also
 * allows PATCH /users/{id} (email, password, blocked): Keyward never makes that call, and the
 * contract suite checks that a token without it is refused regeneration (so it cannot be dropped).
 */
export const KEYWARD_MANAGEMENT_SCOPES = [
  'read:users',
  'read:authentication_methods',
  'create:authentication_methods',
  'update:authentication_methods',
  'delete:authentication_methods',
  'read:signing_keys',
  'create:signing_keys',
  'update:signing_keys',
  'read:sessions',
  'delete:sessions',
  'read:logs_users',
  'create:user_tickets',
  'update:users',
] as const;

/** What `npm run doctor` reads the tenant's configuration with (a grant may hold these too). */
export const DOCTOR_READ_SCOPES = [
  'read:clients',
  'read:client_grants',
  'read:resource_servers',
  'read:connections',
  'read:custom_domains',
  'read:prompts',
  'read:guardian_factors',
  'read:mfa_policies',
] as const;

/** What `npm run doctor -- --fix` writes with. */
export const DOCTOR_FIX_SCOPES = [
  'update:clients',
  'create:client_grants',
  'update:client_grants',
  'update:connections',
] as const;

/**
 * The My Account API scopes Keyward asks for: enrolling a passkey and naming one. The
 * Management API documents no rename of a passkey (its PATCH answer's `type` has no `passkey`);
 * My Account's PATCH does. Keyward never lists or deletes through that API, so every removal
 * stays behind Keyward's own lock.
 */
export const MY_ACCOUNT_ENROL_SCOPE = 'create:me:authentication_methods';
export const MY_ACCOUNT_RENAME_SCOPE = 'update:me:authentication_methods';
export const KEYWARD_MY_ACCOUNT_SCOPES = [MY_ACCOUNT_ENROL_SCOPE, MY_ACCOUNT_RENAME_SCOPE] as const;
