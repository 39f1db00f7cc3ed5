// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
import { describe, expect, it, vi } from 'vitest';
import { KEYWARD, loadServedEmbed } from './served-embed';

// How <keyward-security> (public/embed.js) loads: it asks Keyward whether this page may embed it,
// then frames Keyward, or offers Keyward in a new tab. (Messages: embed-element-messages.test.ts.)

loadServedEmbed();

/** A <keyward-security> for KEYWARD, once it has asked its check (which answers `allowed`). */
async function mounted(allowed: boolean) {
  const check = vi.fn(async (_url: string) => ({ json: async () => ({ allowed }) }));
  vi.stubGlobal('fetch', check);
  const element = document.createElement('keyward-security');
  element.setAttribute('src', KEYWARD);
  document.body.append(element);
  await vi.waitFor(() => expect(check).toHaveBeenCalledTimes(1));
  return { element, check };
}

describe('<keyward-security> loading (public/embed.js)', () => {
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
