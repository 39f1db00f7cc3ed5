import type { EventDetails, EventType, InternalDetails } from '@/lib/embed/messages';

// What happened on the page, for a host that embeds it. The panels report here whether or not
// they are framed; only the embed page listens (components/embed/embed-bridge.tsx), and passes
// each event on to its host. On /security nothing listens and reporting costs nothing.

type AllDetails = EventDetails & InternalDetails;
type Listener = <T extends keyof AllDetails>(type: T, detail: AllDetails[T]) => void;

let listener: Listener | null = null;

export function onKeywardEvent(next: Listener): () => void {
  listener = next;
  return () => {
    if (listener === next) listener = null;
  };
}

export function reportKeywardEvent<T extends EventType | keyof InternalDetails>(
  type: T,
  detail: AllDetails[T],
): void {
  listener?.(type, detail);
}

// Once per page load, whatever React does: StrictMode (dev) runs every effect twice, and a host
// must hear `ready` and `signed-out` once per load (issue 24). Module state lives as long as
// the document.
const announced = new Set<string>();

/** True the first time `key` is seen in this document. */
export function firstTime(key: string): boolean {
  if (announced.has(key)) return false;
  announced.add(key);
  return true;
}

/** The host called element.signIn(): it opened the popup itself, so wait for the popup's code. */
export const HOST_SIGN_IN = 'keyward-host-sign-in';
