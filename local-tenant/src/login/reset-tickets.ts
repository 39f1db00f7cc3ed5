import { createHash, randomBytes } from 'node:crypto';
import type { TenantDb } from '../db';

// Password-reset tickets. The link carries 32 random bytes; the database keeps only their
// SHA-256 (a stolen database opens no account), each ticket works once, and a new password
// spends every other open ticket of that user too.

/**
 * Auth0's default for password-change tickets (`ttl_sec` unset: 432000 s, 5 days). Set
 * LOCAL_TENANT_RESET_TTL_SECONDS to shorten it.
 */
export const DEFAULT_RESET_TTL_SECONDS = 432_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function createResetTicket(
  db: TenantDb,
  userId: string,
  ttlSeconds: number,
  now = Date.now(),
  resultUrl: string | null = null,
): string {
  const token = randomBytes(32).toString('base64url');
  db.prepare('DELETE FROM password_resets WHERE expires_at <= ?').run(now);
  db.prepare('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(
    hashOf(token),
    userId,
    now + ttlSeconds * 1000,
  );
  if (resultUrl !== null) {
    db.prepare('INSERT INTO password_reset_results (token_hash, result_url) VALUES (?, ?)').run(
      hashOf(token),
      resultUrl,
    );
  }
  return token;
}

/** A ticket's `result_url` (Management API tickets only), whether or not it is still open. */
export function ticketResultUrl(db: TenantDb, token: string): string | null {
  const row = db
    .prepare('SELECT result_url FROM password_reset_results WHERE token_hash = ?')
    .get(hashOf(token)) as { result_url: string } | undefined;
  return row?.result_url ?? null;
}

/** The user a ticket is for, if it is open (known, unused, unexpired). */
export function openTicketUser(db: TenantDb, token: string, now = Date.now()): string | null {
  if (!/^[\w-]{43}$/.test(token)) return null;
  const row = db
    .prepare(
      'SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
    )
    .get(hashOf(token), now) as { user_id: string } | undefined;
  return row?.user_id ?? null;
}

/**
 * Spends the ticket and sets the password in one transaction; the user whose password changed,
 * or null when the ticket was no longer open (used meanwhile, expired), and then nothing changes.
 */
export function redeemTicket(
  db: TenantDb,
  token: string,
  passwordHash: string,
  now = Date.now(),
): string | null {
  return db.transaction(() => {
    const userId = openTicketUser(db, token, now);
    if (!userId) return null;
    db.prepare('UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL').run(
      now,
      userId,
    );
    const iso = new Date(now).toISOString();
    db.prepare(
      'UPDATE users SET password_hash = ?, password_set_at = ?, updated_at = ? WHERE user_id = ?',
    ).run(passwordHash, iso, iso, userId);
    return userId;
  })();
}
