import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const CHALLENGE_COOKIE = 'kw_webauthn_reg';
/** Only the passkey routes ever see the cookie. */
export const CHALLENGE_COOKIE_PATH = '/api/passkeys';
export const CHALLENGE_TTL_SECONDS = 300;

const VERSION = 'v1';
// Binds the ciphertext to this cookie's purpose, so a value sealed for anything else with the
// same key would not open here.
const AAD = Buffer.from(`${CHALLENGE_COOKIE}.${VERSION}`);

export const addKindSchema = z.enum(['passkey', 'security-key']);
export type AddKind = z.infer<typeof addKindSchema>;

const stateSchema = z.object({
  challenge: z.string().min(1),
  userId: z.string().min(1),
  kind: addKindSchema,
  userHandle: z.string().min(1),
  /** Epoch milliseconds. */
  exp: z.number().int(),
});

export type ChallengeState = z.infer<typeof stateSchema>;

/** AES-256-GCM: the cookie is confidential and any change to it makes it unreadable. */
export function sealChallenge(state: ChallengeState, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
}

export type OpenResult =
  | { ok: true; state: ChallengeState }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Decrypts and checks expiry. `exp` is checked here, not left to the browser's Max-Age. */
export function openChallenge(
  value: string | undefined,
  key: Buffer,
  nowMs = Date.now(),
): OpenResult {
  if (!value) return { ok: false, reason: 'missing' };
  const [version, payload] = value.split('.');
  if (version !== VERSION || !payload) return { ok: false, reason: 'invalid' };
  const raw = Buffer.from(payload, 'base64url');
  if (raw.byteLength < 12 + 16 + 1) return { ok: false, reason: 'invalid' };
  let json: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(raw.byteLength - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, -16)), decipher.final()]);
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  if (parsed.data.exp <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, state: parsed.data };
}

/** Cookie attributes. Secure everywhere except plain-http localhost development. */
export function challengeCookieOptions(appBaseUrl: string, maxAge = CHALLENGE_TTL_SECONDS) {
  const url = new URL(appBaseUrl);
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: CHALLENGE_COOKIE_PATH,
    secure: !(url.protocol === 'http:' && url.hostname === 'localhost'),
    maxAge,
  };
}
