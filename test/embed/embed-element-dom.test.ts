// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// public/embed.js itself (the file host pages load), run in a DOM, so that mutation testing reaches
// it: test/embed/embed-element.test.ts checks the build and the source text, which a mutant in the
// served file does not change for it. Mutation tests must not read this file's text.

const KEYWARD = 'https://keyward.example';

type Page = { happyDOM: { settings: { fetch: { interceptor: unknown } } } };

beforeAll(async () => {
  // The frame's page, served by no network: an empty document on Keyward's origin.
  (window as unknown as Page).happyDOM.settings.fetch.interceptor = {
    beforeAsyncRequest: async () =>
      new Response('<!doctype html><title>Keyward</title>', {
        headers: { 'content-type': 'text/html' },
      }),
  };
  await import('../../public/embed.js');
});

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

/** A <keyward-security> for KEYWARD, once its check answered `allowed` and its frame is in. */
async function mounted(allowed: boolean) {
  const check = vi.fn(async (_url: string) => ({ json: async () => ({ allowed }) }));
  vi.stubGlobal('fetch', check);
  const element = document.createElement('keyward-security');
  element.setAttribute('src', KEYWARD);
  document.body.append(element);
  await vi.waitFor(() => expect(check).toHaveBeenCalledTimes(1));
  return { element, check };
}

describe('<keyward-security> in a page (public/embed.js)', () => {
  it('asks Keyward whether this page may embed it, then frames Keyward’s page for this host', async () => {
    const { element, check } = await mounted(true);
    const host = encodeURIComponent(location.origin);
    expect(check).toHaveBeenCalledWith(`${KEYWARD}/embed/check?host=${host}`);
    const frame = await vi.waitFor(() => {
      const found = element.shadowRoot?.querySelector('iframe');
      if (!found) throw new Error('no frame yet');
      return found;
    });
    expect(frame.src).toBe(`${KEYWARD}/embed/security?host=${host}`);
  });

  it('re-dispatches a well-formed message from its own frame on Keyward’s origin', async () => {
    const { element } = await mounted(true);
    const frame = await vi.waitFor(() => {
      const found = element.shadowRoot?.querySelector('iframe');
      if (!found?.contentWindow) throw new Error('no frame yet');
      return found;
    });
    const seen: unknown[] = [];
    element.addEventListener('keyward:resize', (event) => seen.push((event as CustomEvent).detail));
    window.dispatchEvent(
      new MessageEvent('message', {
        origin: KEYWARD,
        source: frame.contentWindow,
        data: { protocol: 'keyward/1', type: 'resize', detail: { height: 480 } },
      }),
    );
    expect(seen).toEqual([{ height: 480 }]);
    expect(frame.style.height).toBe('480px');
  });

  it('shows no frame, and offers Keyward in a new tab, when Keyward refuses this page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { element } = await mounted(false);
    const link = await vi.waitFor(() => {
      const found = element.shadowRoot?.querySelector('a');
      if (!found) throw new Error('no link yet');
      return found;
    });
    expect(link.href).toBe(`${KEYWARD}/security`);
    expect(element.shadowRoot?.querySelector('iframe')).toBeNull();
    warn.mockRestore();
  });
});
