import type { Page } from '@playwright/test';
import type { TenantControls } from '../../e2e/fixtures';
import { DEMO_USERS } from '../../local-tenant/src/seed';
import { as, cookieHeader } from './figures';
import { errorCode, send, sleep } from './http';
import { passkeysOf, type Truth } from './truth';
import type { LockoutAnswer } from './types';

// Bob, who signs in with two passkeys and nothing else: what the removal scenarios share.

export const BOB = DEMO_USERS.bob.user_id;
export const DELETE_ROUTE = 'DELETE /api/v2/users/:id/authentication-methods/:method_id';

export async function bobsPasskeys(truth: Truth): Promise<[string, string]> {
  const ids = passkeysOf(await truth.methods(BOB)).map((m) => m.id);
  if (ids.length !== 2 || !ids[0] || !ids[1]) throw new Error(`bob has ${ids.length} passkeys`);
  return [ids[0], ids[1]];
}

/** Bob signed in at `at`, whose session store (its SQLite file, or Redis) keeps his session. */
export async function signedInBob(
  page: Page,
  signInWithPasskey: (page: Page, who: 'bob', which: number, at: string) => Promise<unknown>,
  at: string,
): Promise<string> {
  await signInWithPasskey(page, 'bob', 0, at);
  return cookieHeader(page.context());
}

/** Bob's `DELETE /api/factors/:id` at the instance at `base` (number `instance`). */
export async function removeAs(
  cookie: string,
  base: string,
  id: string,
  instance: number,
): Promise<LockoutAnswer> {
  const answer = await send(base, `/api/factors/${encodeURIComponent(id)}`, {
    method: 'DELETE',
    headers: as(cookie, base),
  });
  return { id, instance, status: answer.status, code: errorCode(answer) };
}

/** Waits until the tenant has received `count` upstream DELETEs (counted on arrival). */
export async function upstreamDeleteArrived(
  tenant: TenantControls,
  count = 1,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (((await tenant.stats()).routes[DELETE_ROUTE] ?? 0) < count) {
    if (Date.now() > deadline) throw new Error(`no upstream DELETE within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * Waits until every DELETE the tenant received has landed (each lands at most `latencyMs` after
 * it arrived; `sinceMs` is when the first could have arrived), then returns bob's passkeys and
 * how many DELETEs the tenant received.
 */
export async function settledPasskeys(
  tenant: TenantControls,
  truth: Truth,
  sinceMs: number,
  latencyMs: number,
): Promise<{ remaining: string[]; upstreamDeletes: number }> {
  const deadline = sinceMs + latencyMs + 1000;
  for (;;) {
    const upstreamDeletes = (await tenant.stats()).routes[DELETE_ROUTE] ?? 0;
    const remaining = passkeysOf(await truth.methods(BOB)).map((m) => m.id);
    if (2 - remaining.length >= upstreamDeletes || Date.now() > deadline)
      return { remaining, upstreamDeletes };
    await sleep(50);
  }
}

/**
 * What is untrue about an answer, given the passkeys left once everything landed: a success
 * (200, or 404 "already gone") for a passkey still there, or a refusal for one that is gone. A
 * 202 "not confirmed yet" is true either way, and no answer at all (status 0) claims nothing.
 */
export function untruth(a: LockoutAnswer, remaining: readonly string[]): string | null {
  if (a.status === 202 || a.status === 0) return null;
  const gone = !remaining.includes(a.id);
  if ((a.status === 200 || a.status === 404) === gone) return null;
  return `${a.status} ${a.code ?? ''} for ${gone ? 'a removed' : 'a kept'} passkey`;
}
