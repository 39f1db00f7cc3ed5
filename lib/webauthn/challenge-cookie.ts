import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

// One WebAuthn ceremony in flight per kind, carried by an encrypted, HttpOnly, short-lived cookie
// that only that kind's routes ever see. Keyward keeps no server-side session store, so the
// cookie is the state; the used-challenge record makes it single-use.

export const CHALLENGE_TTL_SECONDS = 300;

export const addKindSchema = z.enum(['passkey', 'security-key']);
export type AddKind = z.infer<typeof addKindSchema>;

export const CEREMONY_COOKIES = {
  passkey: { name: 'kw_passkey_enrolment', path: '/api/passkeys' },
  'security-key': { name: 'kw_security_key_registration', path: '/api/security-keys' },
} as const satisfies Record<AddKind, { name: string; path: string }>;

const VERSION = 'v2';

const common = {
  /** The WebAuthn challenge the browser must sign; also the key of the used-challenge record. */
  challenge: z.string().min(1),
  userId: z.string().min(1),
  /** Epoch milliseconds. */
  exp: z.number().int(),
  /** Digests of the user's method names when the ceremony started (lib/factors/unique-name.ts). */
  taken: z.array(z.string().max(16)).max(100).optional(),
};

const stateSchema = z.discriminatedUnion('kind', [
  // A security key: Keyward chose the challenge and the user handle and verifies the answer.
  z.object({ kind: z.literal('security-key'), userHandle: z.string().min(1), ...common }),
  // A passkey: Auth0's My Account API chose everything; its flow token stays on the server side
  // of the browser, inside this sealed cookie.
  z.object({
    kind: z.literal('passkey'),
    authSession: z.string().min(1),
    methodId: z.string().min(1),
    ...common,
  }),
]);

export type ChallengeState = z.infer<typeof stateSchema>;

// Binds the ciphertext to its cookie, so a value sealed for one kind (or any other purpose with
// the same key) does not open as another.
const aadFor = (kind: AddKind) => Buffer.from(`${CEREMONY_COOKIES[kind].name}.${VERSION}`);

/** AES-256-GCM: the cookie is confidential and any change to it makes it unreadable. */
export function sealChallenge(state: ChallengeState, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadFor(state.kind));
  const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

export type OpenResult<K extends AddKind> =
  | { ok: true; state: Extract<ChallengeState, { kind: K }> }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

function isKind<K extends AddKind>(
  state: ChallengeState,
  kind: K,
): state is Extract<ChallengeState, { kind: K }> {
  return state.kind === kind;
}

/** Decrypts and checks kind and expiry. `exp` is checked here, not left to the browser's Max-Age. */
export function openChallenge<K extends AddKind>(
  kind: K,
  value: string | undefined,
  key: Buffer,
  nowMs = Date.now(),
): OpenResult<K> {
  if (!value) return { ok: false, reason: 'missing' };
  const [version, payload] = value.split('.');
  if (version !== VERSION || !payload) return { ok: false, reason: 'invalid' };
  const raw = Buffer.from(payload, 'base64url');
  if (raw.byteLength < 12 + 16 + 1) return { ok: false, reason: 'invalid' };
  let json: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(aadFor(kind));
    decipher.setAuthTag(raw.subarray(raw.byteLength - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, -16)), decipher.final()]);
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success || !isKind(parsed.data, kind)) return { ok: false, reason: 'invalid' };
  if (parsed.data.exp <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, state: parsed.data };
}

/**
 * Cookie attributes. Secure everywhere except plain-http localhost development. In a frame on
 * another site (the embed page) SameSite=Strict would never be sent back: there the cookie is
 * SameSite=None and Partitioned (CHIPS), kept for that host's frames only, and always Secure
 * (browsers accept Secure on http://localhost).
 */
export function challengeCookieOptions(
  kind: AddKind,
  appBaseUrl: string,
  maxAge = CHALLENGE_TTL_SECONDS,
  framed = false,
) {
  const url = new URL(appBaseUrl);
  if (framed) {
    return {
      httpOnly: true,
      sameSite: 'none' as const,
      partitioned: true,
      path: CEREMONY_COOKIES[kind].path,
      secure: true,
      maxAge,
    };
  }
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: CEREMONY_COOKIES[kind].path,
    secure: !(url.protocol === 'http:' && url.hostname === 'localhost'),
    maxAge,
  };
}
