// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
import { describe, expect, it, vi } from 'vitest';
import { EVENT_TYPES } from '@/lib/embed/messages';
import { KEYWARD, loadServedEmbed } from './served-embed';

// What <keyward-security> (public/embed.js) passes on to the host page: only messages from its
// frame in the protocol's shapes, each type checked by its own rule; errors warned about once.
// (Who may send them: embed-element-messages.test.ts.)

loadServedEmbed();

type Frame = HTMLIFrameElement & { contentWindow: Window };

/** A <keyward-security> whose host check said yes, its frame in place. */
async function embedded(attributes: Record<string, string> = {}) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => ({ json: async () => ({ allowed: true }) })),
  );
  const element = document.createElement('keyward-security') as HTMLElement & {
    signIn(): boolean;
  };
  element.setAttribute('src', KEYWARD);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  const frame = await vi.waitFor(() => {
    const found = element.shadowRoot?.querySelector('iframe');
    if (!found?.contentWindow) throw new Error('no frame yet');
    return found as Frame;
  });
  /** Every keyward:* event the host saw, as [type, detail]. */
  const events: [string, unknown][] = [];
  for (const type of EVENT_TYPES) {
    element.addEventListener(`keyward:${type}`, (event) =>
      events.push([type, (event as CustomEvent).detail]),
    );
  }
  const send = (data: unknown) =>
    window.dispatchEvent(
      new MessageEvent('message', { origin: KEYWARD, source: frame.contentWindow, data }),
    );
  const message = (type: string, detail: unknown) => send({ protocol: 'keyward/1', type, detail });
  return { element, frame, events, send, message };
}

const FACTOR = { id: 'passkey|1', name: 'Laptop', kind: 'passkey' };

describe('<keyward-security> passes on only what the protocol allows', () => {
  it.each([
    ['ready', { signedIn: true }],
    ['resize', { height: 0 }],
    ['resize', { height: 99_999 }],
    ['signed-out', {}],
    ['error', { code: 'busy', message: 'Try again.' }],
    ['factor-added', FACTOR],
    ['factor-renamed', { ...FACTOR, previousName: 'Old' }],
    ['factor-removed', { ...FACTOR, pending: false }],
    ['session-ended', { id: 's1', current: false }],
    ['reauth-required', {}],
    ['add-cancelled', { kind: 'passkey' }],
    ['dialog-open', {}],
    ['dialog-close', {}],
  ])('passes on %s %j', async (type, detail) => {
    const { events, message } = await embedded();
    message(type, detail);
    expect(events).toContainEqual([type, detail]);
  });

  it.each([
    ['ready', { signedIn: 'yes' }],
    ['resize', { height: -1 }],
    ['resize', { height: 100_000 }],
    ['resize', { height: Number.NaN }],
    ['resize', { height: '480' }],
    ['error', { code: 'busy' }],
    ['error', { message: 'Try again.' }],
    ['factor-added', { name: 'Laptop', kind: 'passkey' }],
    ['factor-added', { id: 'passkey|1', kind: 'passkey' }],
    ['factor-added', { id: 'passkey|1', name: 'Laptop' }],
    ['factor-renamed', FACTOR],
    ['factor-removed', { ...FACTOR, pending: 'no' }],
    ['factor-removed', { id: 'passkey|1', pending: false }],
    ['session-ended', { id: 's1' }],
    ['session-ended', { current: true }],
    ['add-cancelled', {}],
    ['ready', null],
    ['ready', 'signed in'],
    ['constructor', {}],
    ['toString', {}],
    ['viewport', { top: 0, height: 10 }],
  ])('drops %s %j', async (type, detail) => {
    const { events, message } = await embedded();
    message(type, detail);
    expect(events).toEqual([]);
  });

  it('drops a message in another protocol, or none', async () => {
    const { events, send } = await embedded();
    send({ protocol: 'keyward/2', type: 'ready', detail: { signedIn: true } });
    send({ type: 'ready', detail: { signedIn: true } });
    send(null);
    send('ready');
    expect(events).toEqual([]);
  });

  it('sizes the frame to its page, rounded up to whole pixels', async () => {
    const { frame, message } = await embedded();
    message('resize', { height: 480.2 });
    expect(frame.style.height).toBe('481px');
  });
});

describe('<keyward-security> errors and readiness', () => {
  it('reports a frame that never loads once, with one console warning naming the fix', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { element, events, message } = await embedded({ timeout: '1' });
      expect(events).toEqual([]);
      await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 5_000 });
      expect(events).toEqual([
        ['error', { code: 'load_timeout', message: `${KEYWARD} did not load within 1 s.` }],
      ]);
      expect(warn.mock.calls).toEqual([
        [
          `<keyward-security> load_timeout: ${KEYWARD} did not answer; check that it is up and reachable from this page.`,
        ],
      ]);
      const link = element.shadowRoot?.querySelector('a');
      expect(link?.href).toBe(`${KEYWARD}/security`);
      expect(link?.target).toBe('_blank');
      expect(link?.rel).toBe('noopener');
      expect(link?.textContent).toBe('Open your sign-in and security settings in a new tab');
      // A late answer from the frame: it works after all, and the way out goes.
      message('ready', { signedIn: false });
      expect(element.shadowRoot?.querySelector('a')).toBeNull();
    } finally {
      warn.mockRestore();
    }
  });

  it('a frame ready in time stops the load timer', async () => {
    const { element, events, message } = await embedded({ timeout: '1' });
    message('ready', { signedIn: false });
    // Past the timeout: no load_timeout follows a frame that said it is ready.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(events.map(([type]) => type)).toEqual(['ready']);
    expect(element.shadowRoot?.querySelector('a')).toBeNull();
    expect(element.shadowRoot?.querySelector('iframe')).not.toBeNull();
  });

  it('passes on an error from the frame without offering a new tab (the frame shows it)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { element, events, message } = await embedded();
      message('error', { code: 'cookies_blocked', message: 'No cookies.' });
      message('error', { code: 'cookies_blocked', message: 'No cookies.' });
      expect(events).toEqual([
        ['error', { code: 'cookies_blocked', message: 'No cookies.' }],
        ['error', { code: 'cookies_blocked', message: 'No cookies.' }],
      ]);
      // One warning per code, however often it comes.
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('serve');
      expect(element.shadowRoot?.querySelector('a')).toBeNull();
    } finally {
      warn.mockRestore();
    }
  });

  it('warns once about each invalid theme token', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { message } = await embedded();
      message('theme-invalid', { tokens: ['accent', 'radius'] });
      message('theme-invalid', { tokens: ['accent'] });
      message('theme-invalid', { tokens: ['accent', 'font'] });
      message('theme-invalid', { tokens: [1] });
      expect(warn.mock.calls).toEqual([
        ['<keyward-security> ignored invalid theme tokens: accent, radius.'],
        ['<keyward-security> ignored invalid theme tokens: font.'],
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('<keyward-security> signIn()', () => {
  it('opens only a sign-in address on Keyward, and only until the frame is signed in', async () => {
    const opened = vi.fn(() => ({}) as Window);
    vi.stubGlobal('open', opened);
    const { element, message } = await embedded();
    expect(element.signIn()).toBe(false);

    message('sign-in-url', { url: 'https://evil.example/auth/login?x=1' });
    expect(element.signIn()).toBe(false);
    message('sign-in-url', { url: `${KEYWARD}/somewhere?auth/login?` });
    expect(element.signIn()).toBe(false);

    const url = `${KEYWARD}/auth/login?returnTo=%2Fembed%2Freturn`;
    message('sign-in-url', { url });
    expect(element.signIn()).toBe(true);
    expect(opened).toHaveBeenCalledWith(url, 'keyward-sign-in', 'popup=yes,width=480,height=720');

    message('ready', { signedIn: true });
    expect(element.signIn()).toBe(false);
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('says so when the browser blocks the popup', async () => {
    vi.stubGlobal(
      'open',
      vi.fn(() => null),
    );
    const { element, message } = await embedded();
    message('sign-in-url', { url: `${KEYWARD}/auth/login?x=1` });
    expect(element.signIn()).toBe(false);
  });
});
