import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TenantDb } from '../db';
import { storeMessage } from './inbox';

// The tenant's SMTP server: accepts any mail on localhost, for any address, and files it in the
// inbox. No TLS and no AUTH (a development stand-in; it listens on 127.0.0.1 only). It can be
// stopped and started again on the same port, which is how the tests take "SMTP" down.

const MAX_MESSAGE_BYTES = 1024 * 1024;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

export class LocalSmtp {
  #server: SMTPServer | null = null;
  #port: number;

  constructor(
    private readonly db: TenantDb,
    port: number,
    private readonly log: (message: string) => void,
  ) {
    this.#port = port;
  }

  get port(): number {
    return this.#port;
  }

  get running(): boolean {
    return this.#server !== null;
  }

  async start(): Promise<void> {
    if (this.#server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MESSAGE_BYTES,
      banner: 'Keyward local tenant inbox',
      logger: false,
      // Stopping means down now: open connections are dropped after this, not after 30 s.
      closeTimeout: 200,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
            storeMessage(this.db, {
              messageId: parsed.messageId ?? null,
              from:
                addresses(parsed.from)[0] ??
                (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
              to: envelopeTo.length > 0 ? envelopeTo : addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              receivedAt: new Date().toISOString(),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    server.on('error', (error) => this.log(`smtp: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    const address = server.server.address();
    if (address && typeof address === 'object') this.#port = address.port;
    this.#server = server;
  }

  /** Stops accepting connections and drops open ones: SMTP is "down" until start(). */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
