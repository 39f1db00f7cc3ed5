import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { getEnv } from '@/lib/env';
import { createSealer } from '@/lib/sessions/seal';
import { ttlStore } from '@/lib/state/ttl-store';

// Signing in for a frame. A cross-site frame's cookies live in a partition of their own (CHIPS),
// so the session the popup gets at top level never reaches the frame. Instead the popup, signed
// in, mints a one-time code and posts it to the frame that opened it; the frame trades the code
// for a partitioned copy of the session cookie, in a request of its own.
//
// The code is useless on its own: it is single-use, lives EMBED_HANDOFF_TTL_SECONDS (60 s by
// default), names the host the frame sits in, and needs the verifier only the frame holds (the
// popup saw just its SHA-256, as in PKCE). The stored cookie value is sealed under a key derived from AUTH0_SECRET.

/** How long a code lives: one minute unless EMBED_HANDOFF_TTL_SECONDS says otherwise. */
export const handoffTtlMs = (): number => getEnv().embedHandoffTtlMs;
/** nextjs-auth0's session cookie (its default name; lib/auth0.ts does not change it). */
export const SESSION_COOKIE = '__session';

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const sha256 = (text: string) => createHash('sha256').update(text).digest();
const keyOf = (code: string) => `embed-handoff:${b64url(sha256(code))}`;

type Stored = { cookie: string; challenge: string; host: string };

let sealer: ReturnType<typeof createSealer> | undefined;
const seal = () => {
  sealer ??= createSealer(`${getEnv().auth0.secret}:embed-handoff`);
  return sealer;
};

/** Stores the popup's session cookie under a fresh code; returns the code (43 chars). */
export async function mintHandoff(input: Stored): Promise<string> {
  const code = b64url(randomBytes(32));
  const key = keyOf(code);
  await ttlStore().set(key, seal().seal(key, JSON.stringify(input)), handoffTtlMs());
  return code;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The session cookie value for `code`, once: a second exchange, an expired code, a wrong
 * verifier or another host all get null (and spend a code that was minted). A code that was never
 * minted stores nothing at all: anyone may send them, as many as the limits let through, and the
 * store must keep its room for records that matter (Idempotency-Keys, live codes).
 */
export async function redeemHandoff(input: {
  code: string;
  verifier: string;
  host: string;
}): Promise<string | null> {
  const key = keyOf(input.code);
  const store = ttlStore();
  const sealed = await store.get(key);
  if (sealed === null) return null;
  // The code is one we minted. claim() is atomic (SET NX in Redis): of two concurrent
  // redemptions that both read it, one wins.
  if (!(await store.claim(`${key}:spent`, '1', handoffTtlMs()))) return null;
  await store.delete(key);
  const opened = seal().open(key, sealed);
  if (opened === null) return null;
  const stored = JSON.parse(opened) as Stored;
  const challenge = b64url(sha256(input.verifier));
  if (!same(challenge, stored.challenge) || !same(input.host, stored.host)) return null;
  return stored.cookie;
}
