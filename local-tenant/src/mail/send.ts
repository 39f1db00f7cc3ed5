import nodemailer from 'nodemailer';

// The tenant's own mail (password reset) goes through its own SMTP server, as Auth0's goes
// through its mail provider, so it lands in the same inbox as the app's notifications.

export const TENANT_SENDER = 'Keyward Local Tenant <no-reply@localhost>';

export type TenantMail = { to: string; subject: string; text: string; html: string };

export async function sendTenantMail(smtpPort: number, mail: TenantMail): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
  });
  try {
    await transport.sendMail({ from: TENANT_SENDER, ...mail });
  } finally {
    transport.close();
  }
}
