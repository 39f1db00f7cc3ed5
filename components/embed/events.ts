import type { EventDetails, EventType } from '@/lib/embed/messages';

// What happened on the page, for a host that embeds it. The panels report here whether or not
// they are framed; only the embed page listens (components/embed/embed-bridge.tsx), and passes
// each event on to its host. On /security nothing listens and reporting costs nothing.

type Listener = <T extends EventType>(type: T, detail: EventDetails[T]) => void;

let listener: Listener | null = null;

export function onKeywardEvent(next: Listener): () => void {
  listener = next;
  return () => {
    if (listener === next) listener = null;
  };
}

export function reportKeywardEvent<T extends EventType>(type: T, detail: EventDetails[T]): void {
  listener?.(type, detail);
}
