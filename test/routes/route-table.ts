// Every route handler under app/api and the checks it must apply. test/routes/route-guards.test.ts
// finds the handlers on disk and fails for any route or exported method that is missing here, then
// proves each check below by the refusal it must produce, with nothing sent to Auth0.
//
// A new route is added here with its checks; a route that should skip one says so in this file,
// where a reviewer sees it.
import type { LimitName } from '@/lib/rate-limits/route-limits';

export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteChecks = {
  /** Signed in: 401 `unauthorized` without a session. Every API route acts for a signed-in user. */
  session: true;
  /** POST/PUT/PATCH/DELETE: 403 `cross_origin` without this app's Origin. */
  sameOrigin: boolean;
  /** The admin role: 403 `forbidden` for anyone else. */
  admin: boolean;
  /** A sign-in within REAUTH_MAX_AGE: 401 `reauth_required` for an older one. */
  recentAuth: boolean;
  /** The per-user/per-IP budget it counts against (lib/rate-limits/route-limits.ts); 429 when spent. */
  limit: LimitName | null;
  /**
   * A zod-checked JSON body: `invalid` must be refused with 422, and bodies over `maxBytes` with
   * 413. null: the route reads no body.
   */
  body: { invalid: unknown; maxBytes: number } | null;
  /** Values for the dynamic segments: `valid` to reach the handler, `invalid` refused with 422. */
  params?: { valid: Record<string, string>; invalid: Record<string, string> };
};

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const CREDENTIAL_MAX_BODY_BYTES = 64 * 1024;

const read = { session: true, sameOrigin: false, body: null } as const;
const mutation = { session: true, sameOrigin: true } as const;

const factorId = {
  valid: { id: 'passkey|route-table' },
  invalid: { id: 'x'.repeat(257) },
};
const kid = { valid: { kid: 'route-table-kid' }, invalid: { kid: ' ' } };
const sessionId = { valid: { id: 'route-table-session' }, invalid: { id: 'x'.repeat(129) } };
/** Parses as JSON but is no registration response. */
const notARegistration = { response: { id: 'not base64url!' } };

/** Keyed by the folder under app/ (`/api/factors/[id]` is app/api/factors/[id]/route.ts). */
export const ROUTE_TABLE: Record<string, Partial<Record<HttpMethod, RouteChecks>>> = {
  '/api/activity': {
    GET: { ...read, admin: false, recentAuth: false, limit: 'read' },
  },
  '/api/admin/signing-keys': {
    GET: { ...read, admin: true, recentAuth: false, limit: 'read' },
  },
  '/api/admin/signing-keys/rotate': {
    POST: { ...mutation, admin: true, recentAuth: true, limit: 'admin', body: null },
  },
  '/api/admin/signing-keys/rotate-and-revoke': {
    POST: { ...mutation, admin: true, recentAuth: true, limit: 'admin', body: null },
  },
  '/api/admin/signing-keys/[kid]/revoke': {
    POST: { ...mutation, admin: true, recentAuth: true, limit: 'admin', body: null, params: kid },
  },
  '/api/authenticators/name-suggestion': {
    POST: {
      ...mutation,
      admin: false,
      // It stores nothing and spends no ceremony: it only reads the browser's answer for a name.
      recentAuth: false,
      limit: 'enrol',
      body: { invalid: { kind: 'passkey', ...notARegistration }, maxBytes: 64 * 1024 },
    },
  },
  '/api/embed/handoff': {
    // Called by the sign-in popup right after a sign-in, so a recent sign-in is a given.
    POST: {
      ...mutation,
      admin: false,
      recentAuth: false,
      limit: 'change',
      body: { invalid: { challenge: 'short', host: 'x' }, maxBytes: DEFAULT_MAX_BODY_BYTES },
    },
  },
  '/api/factors': {
    GET: { ...read, admin: false, recentAuth: false, limit: 'read' },
  },
  '/api/factors/accepted-credentials': {
    GET: { ...read, admin: false, recentAuth: false, limit: 'read' },
  },
  '/api/factors/[id]': {
    // A name changes what the page says, not who can sign in, so renaming needs no fresh sign-in.
    PATCH: {
      ...mutation,
      admin: false,
      recentAuth: false,
      limit: 'change',
      body: { invalid: { name: '' }, maxBytes: DEFAULT_MAX_BODY_BYTES },
      params: factorId,
    },
    DELETE: {
      ...mutation,
      admin: false,
      recentAuth: true,
      limit: 'change',
      body: null,
      params: factorId,
    },
  },
  '/api/passkeys/options': {
    POST: { ...mutation, admin: false, recentAuth: true, limit: 'enrol', body: null },
  },
  '/api/passkeys': {
    POST: {
      ...mutation,
      admin: false,
      recentAuth: true,
      limit: 'enrol',
      body: { invalid: notARegistration, maxBytes: CREDENTIAL_MAX_BODY_BYTES },
    },
  },
  '/api/security-keys/options': {
    POST: { ...mutation, admin: false, recentAuth: true, limit: 'enrol', body: null },
  },
  '/api/security-keys': {
    POST: {
      ...mutation,
      admin: false,
      recentAuth: true,
      limit: 'enrol',
      body: { invalid: notARegistration, maxBytes: CREDENTIAL_MAX_BODY_BYTES },
    },
  },
  '/api/sessions': {
    GET: { ...read, admin: false, recentAuth: false, limit: 'read' },
  },
  '/api/sessions/[id]': {
    // Signing a device out changes who is signed in: a recent sign-in, as for removals.
    DELETE: {
      ...mutation,
      admin: false,
      recentAuth: true,
      limit: 'change',
      body: null,
      params: sessionId,
    },
  },
  '/api/sessions/sign-out-others': {
    POST: { ...mutation, admin: false, recentAuth: true, limit: 'change', body: null },
  },
  '/api/password/change': {
    POST: { ...mutation, admin: false, recentAuth: true, limit: 'change', body: null },
  },
  '/api/recovery-code': {
    POST: { ...mutation, admin: false, recentAuth: true, limit: 'change', body: null },
  },
};
