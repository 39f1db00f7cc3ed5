// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeywardEventDetails, KeywardSecurityElement } from '../src/embed.js';
import { KeywardSecurity } from '../src/react';

// <KeywardSecurity> renders <keyward-security> with its attributes and hands the element's events
// to typed props. The frame never loads here: the check is answered by a stub, and the frame's
// message is posted as the browser would deliver it.

const KEYWARD = 'https://keyward.example';
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('<KeywardSecurity>', () => {
  it('passes its props as attributes and calls onFactorAdded with the typed detail', async () => {
    const checked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      checked.push(url);
      return Response.json({ allowed: true });
    });
    const added: KeywardEventDetails['keyward:factor-added'][] = [];
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => {
      root.render(
        <KeywardSecurity
          src={KEYWARD}
          loginHint="alice@example.com"
          sections={['passkeys', 'sessions']}
          lang="de"
          compact
          theme={{ accent: '#1d6b46', 'font-size': '15px' }}
          onFactorAdded={(event) => {
            // Typed: a KeywardFactorDetail, no cast.
            added.push(event.detail);
          }}
        />,
      );
    });
    const element = container.querySelector('keyward-security') as KeywardSecurityElement;
    expect(element.getAttribute('login-hint')).toBe('alice@example.com');
    expect(element.getAttribute('sections')).toBe('passkeys sessions');
    expect(element.getAttribute('accent')).toBe('#1d6b46');
    expect(element.hasAttribute('compact')).toBe(true);
    await vi.waitFor(() => expect(element.shadowRoot?.querySelector('iframe')).toBeTruthy());
    expect(checked[0]).toBe(`${KEYWARD}/embed/check?host=${encodeURIComponent(location.origin)}`);
    const frame = element.shadowRoot?.querySelector('iframe') as HTMLIFrameElement;
    const src = new URL(frame.src);
    expect(src.origin + src.pathname).toBe(`${KEYWARD}/embed/security`);
    expect(Object.fromEntries(src.searchParams)).toMatchObject({
      lang: 'de',
      login_hint: 'alice@example.com',
      sections: 'passkeys sessions',
      compact: '1',
    });
    expect(frame.title).toBe('Keyward: Anmelde- und Sicherheitseinstellungen');

    const detail = { id: 'f1', name: 'Chrome on Linux', kind: 'passkey' };
    const message = (origin: string) =>
      new MessageEvent('message', {
        origin,
        source: frame.contentWindow,
        data: { protocol: 'keyward/1', type: 'factor-added', detail },
      });
    // Another origin's message is dropped; Keyward's frame's is dispatched once.
    window.dispatchEvent(message('https://evil.example'));
    window.dispatchEvent(message(KEYWARD));
    expect(added).toEqual([detail]);
    await act(async () => root.unmount());
  });

  it('reports origin_not_allowed with a fallback link when Keyward refuses this host', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ allowed: false }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const errors: string[] = [];
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => {
      root.render(<KeywardSecurity src={KEYWARD} onError={(e) => errors.push(e.detail.code)} />);
    });
    await vi.waitFor(() => expect(errors).toEqual(['origin_not_allowed']));
    const element = container.querySelector('keyward-security') as KeywardSecurityElement;
    expect(element.shadowRoot?.querySelector('iframe')).toBeNull();
    expect(element.shadowRoot?.querySelector('a')?.getAttribute('href')).toBe(
      `${KEYWARD}/security`,
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('EMBED_ALLOWED_ORIGINS');
    warn.mockRestore();
    await act(async () => root.unmount());
  });
});
