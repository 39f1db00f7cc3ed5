import { randomBytes } from 'node:crypto';

/** How long an `auth_session` from POST /me/v1/authentication-methods stays usable. */
export const ENROLLMENT_TTL_MS = 5 * 60 * 1000;

/** What the tenant chose for a passkey enrolment, kept server-side until its verify call. */
export interface PendingEnrollment {
  userId: string;
  /** The id in the Location header the verify call must use (`passkey|new`). */
  methodId: string;
  challenge: string;
  rpId: string;
  /** base64url of `user.id` in the creation options: stored as the passkey's user_handle. */
  userHandle: string;
  /** The database identity the passkey belongs to (no `auth0|` prefix, as Auth0 lists it). */
  identityUserId: string;
  expiresAt: number;
}

/** Pending enrolments keyed by their opaque `auth_session`. Each can be taken once. */
export class EnrollmentStore {
  readonly #pending = new Map<string, PendingEnrollment>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Stores the enrolment and returns its new `auth_session`. */
  put(enrollment: Omit<PendingEnrollment, 'expiresAt'>): string {
    const id = randomBytes(32).toString('base64url');
    this.#pending.set(id, { ...enrollment, expiresAt: this.now() + ENROLLMENT_TTL_MS });
    return id;
  }

  /** Returns the enrolment if still valid, and forgets it either way (single use). */
  take(authSession: string): PendingEnrollment | undefined {
    const pending = this.#pending.get(authSession);
    this.#pending.delete(authSession);
    if (!pending || pending.expiresAt <= this.now()) return undefined;
    return pending;
  }

  reset(): void {
    this.#pending.clear();
  }
}
