// The postMessage protocol between the embedded page and <keyward-security> (public/embed.js keeps
// its own copy of the host side, since it ships with no dependencies). Hand-written checks: this
// runs in the browser, where zod would cost more than the whole element.

/** Marks Keyward's messages, so a host's other frames' messages are never mistaken for ours. */
export const PROTOCOL = 'keyward/1';

export const EVENT_TYPES = [
  'ready',
  'resize',
  'signed-out',
  'error',
  'factor-added',
  'factor-renamed',
  'factor-removed',
  'session-ended',
  'reauth-required',
  'add-cancelled',
  'dialog-open',
  'dialog-close',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type FactorDetail = { id: string; name: string; kind: string };
export type EventDetails = {
  ready: { signedIn: boolean };
  resize: { height: number };
  'signed-out': Record<string, never>;
  error: { code: string; message: string };
  'factor-added': FactorDetail;
  'factor-renamed': FactorDetail & { previousName: string };
  'factor-removed': { id: string; name: string; kind: string; pending: boolean };
  'session-ended': { id: string; current: boolean };
  'reauth-required': Record<string, never>;
  'add-cancelled': { kind: string };
  'dialog-open': Record<string, never>;
  'dialog-close': Record<string, never>;
};

/**
 * Frame → element only, never re-dispatched: theme tokens the frame refused (the element names
 * them in a console warning), and the sign-in address for `element.signIn()`, which must open the
 * popup from the host's own click (a cross-origin frame has no user activation of its own).
 */
export type InternalDetails = {
  'theme-invalid': { tokens: string[] };
  'sign-in-url': { url: string };
};

/** Frame → host. */
export type OutgoingMessage = {
  protocol: typeof PROTOCOL;
  type: EventType | keyof InternalDetails;
  detail: unknown;
};

/**
 * Host → frame: its theme, which part of the frame is on screen (the frame is as tall as its
 * content, so only the host knows where the person is looking; dialogs are centred there), and
 * the element's methods: `signIn()` (the host opened the popup; wait for its code) and
 * `signOut()`.
 */
export type IncomingMessage =
  | { protocol: typeof PROTOCOL; type: 'theme'; theme: unknown }
  | { protocol: typeof PROTOCOL; type: 'viewport'; top: number; height: number }
  | { protocol: typeof PROTOCOL; type: 'sign-in' | 'sign-out' };

const isLength = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e6;

export function isIncomingMessage(data: unknown): data is IncomingMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (m.protocol !== PROTOCOL) return false;
  if (m.type === 'viewport') return isLength(m.top) && isLength(m.height);
  if (m.type === 'sign-in' || m.type === 'sign-out') return true;
  return m.type === 'theme' && typeof m.theme === 'object' && m.theme !== null;
}

/** Popup → frame (both Keyward's origin): the one-time code the frame exchanges for a session. */
export type HandoffMessage = { protocol: typeof PROTOCOL; type: 'handoff'; code: string };

export const CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isHandoffMessage(data: unknown): data is HandoffMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return (
    m.protocol === PROTOCOL &&
    m.type === 'handoff' &&
    typeof m.code === 'string' &&
    CODE_PATTERN.test(m.code)
  );
}
