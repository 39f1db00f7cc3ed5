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
};

/** Frame → host. */
export type OutgoingMessage = { protocol: typeof PROTOCOL; type: EventType; detail: unknown };

/**
 * Host → frame: its theme, and which part of the frame is on screen (the frame is as tall as its
 * content, so only the host knows where the person is looking; dialogs are centred there).
 */
export type IncomingMessage =
  | { protocol: typeof PROTOCOL; type: 'theme'; theme: unknown }
  | { protocol: typeof PROTOCOL; type: 'viewport'; top: number; height: number };

const isLength = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e6;

export function isIncomingMessage(data: unknown): data is IncomingMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (m.protocol !== PROTOCOL) return false;
  if (m.type === 'viewport') return isLength(m.top) && isLength(m.height);
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
