// The Management API calls exactly as Keyward makes them (lib/factors, lib/webauthn), plus the
// bookkeeping that lets every test remove what it created, also after a failed assertion.

import type { Management, ManagementClient } from 'auth0';
import { ManagementError } from 'auth0';
import type { LiveTarget } from './target';

export type Method = Management.UserAuthenticationMethod;

/** Keyward's listMethods(): pages of 100 with include_totals, reading `page.data`. */
export async function listMethods(mgmt: ManagementClient, userId: string): Promise<Method[]> {
  const methods: Method[] = [];
  for (let page = 0; page < 10; page++) {
    const result = await mgmt.users.authenticationMethods.list(userId, {
      page,
      per_page: 100,
      include_totals: true,
    });
    methods.push(...result.data);
    if (result.data.length < 100) break;
  }
  return methods;
}

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: number | undefined; body: unknown; error: unknown };

/** The call's result, or its Management API error as data (for "one of these answers" checks). */
export async function outcome<T>(call: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (!(error instanceof ManagementError)) throw error;
    return { ok: false, status: error.statusCode, body: error.body, error };
  }
}

/** "400 Bad Request: message" from a failed outcome (Auth0's messages carry no secrets). */
export function describeFailure(result: { status: number | undefined; body: unknown }): string {
  const body = (result.body ?? {}) as Record<string, unknown>;
  const message = typeof body.message === 'string' ? `: ${body.message}` : '';
  const code = typeof body.errorCode === 'string' ? ` (${body.errorCode})` : '';
  return `${result.status ?? 'no status'}${message}${code}`;
}

/**
 * Remembers the key ids a test creates and deletes every method of the contract user carrying
 * one of them, so retried POSTs and half-finished tests leave nothing behind.
 */
export class Janitor {
  readonly #keyIds = new Set<string>();
  constructor(private readonly target: LiveTarget) {}

  track(keyId: string): string {
    this.#keyIds.add(keyId);
    return keyId;
  }

  async sweep(): Promise<void> {
    if (this.#keyIds.size === 0) return;
    const mgmt = this.target.management();
    const leftovers = (await listMethods(mgmt, this.target.userId)).filter(
      (m) => m.key_id !== undefined && this.#keyIds.has(m.key_id),
    );
    for (const method of leftovers) {
      const result = await outcome(
        mgmt.users.authenticationMethods.delete(this.target.userId, method.id),
      );
      if (!result.ok && result.status !== 404) throw result.error;
    }
    this.#keyIds.clear();
  }
}
