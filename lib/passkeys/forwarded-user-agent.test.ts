import { afterEach, describe, expect, it, vi } from 'vitest';
import { myAccountFetch, withBrowserUserAgent } from './forwarded-user-agent';

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Replaces the global fetch with a recorder; returns the user-agent each call carried. */
function recordFetch() {
  const seen: { url: string; userAgent: string | null; init: RequestInit | undefined }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({
      url: String(input),
      userAgent: new Headers(init?.headers).get('user-agent'),
      init,
    });
    return new Response(null, { status: 204 });
  });
  return seen;
}

afterEach(() => vi.unstubAllGlobals());

describe('forwarded User-Agent for My Account calls', () => {
  it("sends the browser's User-Agent on calls made inside withBrowserUserAgent", async () => {
    const seen = recordFetch();
    await withBrowserUserAgent(BROWSER, () =>
      myAccountFetch('https://tenant.example/me/v1/authentication-methods', {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'user-agent': 'node' },
      }),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]?.userAgent).toBe(BROWSER);
    // The other headers and the method are kept.
    const headers = new Headers(seen[0]?.init?.headers);
    expect(headers.get('authorization')).toBe('Bearer t');
    expect(seen[0]?.init?.method).toBe('POST');
  });

  it('leaves calls outside it untouched', async () => {
    const seen = recordFetch();
    const init = { headers: { 'user-agent': 'node' } };
    await myAccountFetch('https://tenant.example/oauth/token', init);
    expect(seen[0]?.init).toBe(init);
    expect(seen[0]?.userAgent).toBe('node');
  });

  it('forwards nothing when the browser sent no User-Agent', async () => {
    const seen = recordFetch();
    await withBrowserUserAgent(null, () => myAccountFetch('https://tenant.example/x'));
    expect(seen[0]?.userAgent).toBeNull();
  });

  it('caps the forwarded value at 512 characters', async () => {
    const seen = recordFetch();
    await withBrowserUserAgent('x'.repeat(2000), () => myAccountFetch('https://tenant.example/x'));
    expect(seen[0]?.userAgent).toBe('x'.repeat(512));
  });

  it('keeps concurrent requests apart', async () => {
    const seen = recordFetch();
    const call = (ua: string) =>
      withBrowserUserAgent(ua, async () => {
        await new Promise((resolve) => setTimeout(resolve, ua === 'A' ? 20 : 0));
        return myAccountFetch(`https://tenant.example/${ua}`);
      });
    await Promise.all([call('A'), call('B')]);
    expect(seen.map((s) => [s.url.slice(-1), s.userAgent]).sort()).toEqual([
      ['A', 'A'],
      ['B', 'B'],
    ]);
  });
});
