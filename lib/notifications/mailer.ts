import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';
import { composeMail } from './compose';
import type { Notification } from './types';

// The one SMTP transport per process. Short timeouts: a worker that waits on a dead server holds
// up every mail behind it; the outbox tries again later anyway.

function transport(smtpUrl: string): Transporter {
  return processShared(
    'mailer',
    () =>
      nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: 5000,
        greetingTimeout: 5000,
        socketTimeout: 15_000,
      }),
    (mailer) => mailer.close(),
  );
}

/** Sends one notification; throws what nodemailer throws (the outbox decides what follows). */
export async function sendNotification(n: Notification): Promise<void> {
  const { mail, appBaseUrl } = getEnv();
  if (!mail.smtpUrl) throw new Error('SMTP_URL is not set');
  const message = composeMail(n, appBaseUrl);
  await transport(mail.smtpUrl).sendMail({ from: mail.from, ...message });
}
