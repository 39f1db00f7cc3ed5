import 'server-only';
import { log } from '@/lib/core/log';
import { runWithContext } from '@/lib/core/request-context';
import { managementCall } from '@/lib/management/client';
import { notifyChange } from '@/lib/notifications/notify';
import { ttlStore } from '@/lib/state/ttl-store';
import { parsePendingChange, pendingChangeKey } from './pending-change';

/**
 * Called when a back-channel logout names `userId`. A password change at Auth0 ends the user's
 * sessions (the `password-changed` initiator sends these tokens), but the token does not say why.
 * So when Keyward has asked for a ticket for this user, it reads the user once: a
 * `last_password_reset` at or after the ticket means the password changed, and the person gets
 * the mail, once (the pending record is claimed away). Never throws: the logout stands.
 */
export async function settlePasswordChange(userId: string): Promise<void> {
  try {
    const store = ttlStore();
    const key = pendingChangeKey(userId);
    const pending = parsePendingChange(await store.get(key));
    if (!pending) return;
    const user = await managementCall((mgmt, options) =>
      mgmt.users.get(userId, { fields: 'last_password_reset', include_fields: true }, options),
    );
    const reset = Date.parse(String(user.last_password_reset ?? ''));
    if (!Number.isFinite(reset) || reset < pending.at - CLOCK_SKEW_MS) return;
    // Several sessions end at once, so several tokens arrive: only the first one mails.
    if (!(await store.claim(`${key}:mailed:${pending.at}`, '1', 60 * 60 * 1000))) return;
    await store.delete(key);
    const actor = pending.actor ?? undefined;
    await runWithContext({ userId, actor }, () =>
      notifyChange({ kind: 'password_changed', userId }),
    );
  } catch (error) {
    log('warn', 'password_change_not_settled', {
      userId,
      error: error instanceof Error ? error.name : typeof error,
    });
  }
}

/** Auth0's clock and ours may differ a little; a ticket is at least seconds older than its use. */
const CLOCK_SKEW_MS = 5_000;
