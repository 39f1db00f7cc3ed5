import 'server-only';
import { randomUUID } from 'node:crypto';
import { recordChange } from '@/lib/activity/change-records';
import { deviceNameFromHeader } from '@/lib/authenticators/device-name';
import { log } from '@/lib/core/log';
import { currentContext } from '@/lib/core/request-context';
import { getEnv } from '@/lib/env';
import { parseIp } from '@/lib/http/client-ip';
import { outbox } from './outbox';
import type { Change, Notification } from './types';

/**
 * Queues the mail for a change that has happened. Callers call it only once Auth0 has done the
 * write (answered, or a fresh read shows it), and before anything else that could still fail,
 * so a change has its mail and a refused change has none. It never throws and never waits on
 * SMTP: the person's action does not depend on mail.
 */
export async function notifyChange(change: Change): Promise<void> {
  const actor = currentContext()?.actor;
  // Kept even without mail: it is the activity section's memory of the change.
  if (change.record) await recordChange(change.userId, change.record);
  try {
    if (change.mail === false || !getEnv().mail.smtpUrl) return;
    if (!actor?.email) {
      log('warn', 'notification_no_address', { kind: change.kind, userId: change.userId });
      return;
    }
    const notification: Notification = {
      id: randomUUID(),
      kind: change.kind,
      to: actor.email,
      locale: actor.locale,
      at: new Date().toISOString(),
      // Only what parses: browser and system names ua-parser-js knows, an IP address. Headers
      // are the sender's free text, and mail must never carry it.
      device: deviceNameFromHeader(actor.userAgent),
      ip: parseIp(actor.ip),
      details: change.details ?? {},
    };
    await outbox().enqueue(notification);
    log('info', 'notification_queued', {
      id: notification.id,
      kind: change.kind,
      userId: change.userId,
      requestId: actor.requestId,
    });
  } catch (error) {
    // Only a broken data folder gets here; the change stands, so say so loudly.
    log('error', 'notification_not_queued', {
      kind: change.kind,
      userId: change.userId,
      error: error instanceof Error ? error.message : 'unknown',
    });
  }
}
