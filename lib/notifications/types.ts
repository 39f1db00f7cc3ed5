import type { Locale } from '@/lib/i18n/config';

/** The changes a person is told about by mail. */
export const CHANGE_KINDS = [
  'passkey_added',
  'security_key_added',
  'method_renamed',
  'method_removed',
  'method_removal_requested',
  'sessions_signed_out',
  'password_changed',
  'recovery_code_regenerated',
  'signing_key_rotated',
  'signing_key_revoked',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What changed, by name. Never a secret: names, counts and key ids only. */
export type ChangeDetails = { name?: string; oldName?: string; count?: number; kid?: string };

export type Change = { kind: ChangeKind; userId: string; details?: ChangeDetails };

/** One mail waiting in the outbox: everything needed to write it, fixed when the change happened. */
export type Notification = {
  /** Made once per change; the outbox's key and the BullMQ job id, so a retry never doubles it. */
  id: string;
  kind: ChangeKind;
  to: string;
  locale: Locale;
  /** ISO time of the change. */
  at: string;
  /** "Chrome on Linux", or null when the browser sent no usable User-Agent. */
  device: string | null;
  ip: string | null;
  details: ChangeDetails;
};

/** The mail as sent. */
export type Mail = { to: string; subject: string; text: string; html: string; messageId: string };
