// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
import { describe, expect, it, vi } from 'vitest';
import { KEYWARD, loadServedEmbed } from './served-embed';

// What <keyward-security> (public/embed.js, the file host pages load) does with a message: it acts
// only on one from its own frame (source) on Keyward's origin (origin). One forged message per
// check, each failing that check alone, so dropping or weakening either check is caught.

const RESIZE = { protocol: 'keyward/1', type: 'resize', detail: { height: 480 } };

loadServedEmbed();

/** A <keyward-security> whose host check said yes, its frame in place; what it re-dispatched. */
async function embedded() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => ({ json: async () => ({ allowed: true }) })),
  );
  const element = document.createElement('keyward-security');
  element.setAttribute('src', KEYWARD);
  document.body.append(element);
  const frame = await vi.waitFor(() => {
    const found = element.shadowRoot?.querySelector('iframe');
    if (!found?.contentWindow) throw new Error('no frame yet');
    return found;
  });
  const seen: unknown[] = [];
  element.addEventListener('keyward:resize', (event) => seen.push((event as CustomEvent).detail));
  const send = (origin: string, source: MessageEventSource | null) =>
    window.dispatchEvent(new MessageEvent('message', { origin, source, data: RESIZE }));
  return { frame, seen, send };
}

describe('<keyward-security> and messages', () => {
  it('acts on a message from its frame on Keyward’s origin (the control for the two below)', async () => {
    const { frame, seen, send } = await embedded();
    send(KEYWARD, frame.contentWindow);
    expect(seen).toEqual([RESIZE.detail]);
    expect(frame.style.height).toBe('480px');
  });

  it('ignores a message from its own frame once that frame shows another origin', async () => {
    const { frame, seen, send } = await embedded();
    // The frame navigated away (or was navigated by someone): same window, foreign origin.
    send('https://evil.example', frame.contentWindow);
    expect(seen).toEqual([]);
    expect(frame.style.height).not.toBe('480px');
  });

  it('ignores a message on Keyward’s origin from any window but its frame', async () => {
    const { frame, seen, send } = await embedded();
    // Another Keyward window (a second frame, a popup) speaks for no one here.
    const other = document.createElement('iframe');
    document.body.append(other);
    send(KEYWARD, other.contentWindow);
    send(KEYWARD, window);
    expect(seen).toEqual([]);
    expect(frame.style.height).not.toBe('480px');
  });

  it('posts to its frame for Keyward’s origin only, so no other page the frame shows can read it', async () => {
    const { frame, send } = await embedded();
    const posted = vi.spyOn(frame.contentWindow as Window, 'postMessage');
    // Its frame says it is ready: the element answers with the host's theme.
    window.dispatchEvent(
      new MessageEvent('message', {
        origin: KEYWARD,
        source: frame.contentWindow,
        data: { protocol: 'keyward/1', type: 'ready', detail: { signedIn: true } },
      }),
    );
    send(KEYWARD, frame.contentWindow);
    expect(posted).toHaveBeenCalled();
    expect(posted.mock.calls.map((call) => call[1])).toEqual(posted.mock.calls.map(() => KEYWARD));
  });
});
