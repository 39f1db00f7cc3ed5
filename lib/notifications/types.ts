import type { RecordedChange } from '@/lib/activity/record-types';
import type { Place } from '@/lib/geo/types';
import type { Locale } from '@/lib/i18n/config';

/** The changes a person is told about by mail. */
export const CHANGE_KINDS = [
  'passkey_added',
  'security_key_added',
  'method_renamed',
  'method_removed',
  'method_removal_requested',
  'sessions_signed_out',
  'session_signed_out',
  'password_changed',
  'recovery_code_regenerated',
  'signing_key_rotated',
  'signing_key_revoked',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What changed, by name. Never a secret: names, counts and key ids only. */
export type ChangeDetails = {
  name?: string;
  oldName?: string;
  count?: number;
  kid?: string;
  /** The session a sign-out ended: its browser, address and place ("Berlin, Germany", worded per locale). */
  session?: { device: string | null; ip: string | null; place: Place | null };
};

export type Change = {
  kind: ChangeKind;
  userId: string;
  details?: ChangeDetails;
  /** Kept for the activity section: what Auth0's log will not say about this change. */
  record?: RecordedChange;
  /** False: kept for the activity section only, no mail. */
  mail?: boolean;
};

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
