import type { TenantDb } from '../db';

// The local inbox: every mail the tenant's SMTP server accepts, kept in the tenant's database
// (so it survives a restart, and `/_local/reset` empties it with the rest of the demo state).

export const INBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS inbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT,
  sender TEXT NOT NULL,
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT,
  received_at TEXT NOT NULL
);
`;

export type InboxMessage = {
  id: number;
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  receivedAt: string;
};

type Row = {
  seq: number;
  message_id: string | null;
  sender: string;
  recipients: string;
  subject: string;
  text: string;
  html: string | null;
  received_at: string;
};

export function storeMessage(db: TenantDb, message: Omit<InboxMessage, 'id'>): number {
  const result = db
    .prepare(
      `INSERT INTO inbox (message_id, sender, recipients, subject, text, html, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      message.messageId,
      message.from,
      JSON.stringify(message.to),
      message.subject,
      message.text,
      message.html,
      message.receivedAt,
    );
  return Number(result.lastInsertRowid);
}

/** Newest first; `to` keeps only mail to that address (case-insensitive). */
export function listMessages(db: TenantDb, to?: string): InboxMessage[] {
  const rows = db.prepare('SELECT * FROM inbox ORDER BY seq DESC LIMIT 500').all() as Row[];
  const wanted = to?.trim().toLowerCase();
  return rows
    .map((r) => ({
      id: r.seq,
      messageId: r.message_id,
      from: r.sender,
      to: JSON.parse(r.recipients) as string[],
      subject: r.subject,
      text: r.text,
      html: r.html,
      receivedAt: r.received_at,
    }))
    .filter((m) => !wanted || m.to.some((a) => a.toLowerCase() === wanted));
}

export function clearInbox(db: TenantDb): void {
  db.prepare('DELETE FROM inbox').run();
}
