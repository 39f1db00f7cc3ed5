import { createHash, randomBytes } from 'node:crypto';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { mintHandoff } from './handoff';
import { exchangeEmbedSession } from './session-exchange';

const app = 'http://localhost:3000';
const host = 'http://127.0.0.1:4500';
const allowed = [host];
const returnTo = `/embed/security?host=${encodeURIComponent(host)}&resume=remove:x`;

async function minted() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const code = await mintHandoff({ cookie: 'the-session', challenge, host });
  return { code, verifier };
}

function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams(fields).toString();
  return new NextRequest(`${app}/embed/session`, {
    method: 'POST',
    body,
    headers: {
      origin: app,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
  });
}

describe('POST /embed/session (the frame trades its code for a session)', () => {
  it('sets a partitioned SameSite=None session cookie and goes back to the embed page', async () => {
    const res = await exchangeEmbedSession(
      post({ ...(await minted()), host, returnTo }),
      app,
      allowed,
    );
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.origin + back.pathname).toBe(`${app}/embed/security`);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      host,
      resume: 'remove:x',
      handoff: 'done',
    });
    // A session cookie in the answer: never stored by a cache on the way.
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__session=the-session;/);
    for (const part of ['HttpOnly', 'Secure', 'SameSite=none', 'Partitioned', 'Path=/'])
      expect(cookie.toLowerCase()).toContain(part.toLowerCase());
  });

  it('sets no copy when the frame already sends that cookie (a same-site host)', async () => {
    const res = await exchangeEmbedSession(
      post({ ...(await minted()), host, returnTo }, { cookie: '__session=the-session' }),
      app,
      allowed,
    );
    expect(res.headers.get('location')).toContain('handoff=done');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('sets its copy when the frame sends another session (an older sign-in)', async () => {
    const res = await exchangeEmbedSession(
      post({ ...(await minted()), host, returnTo }, { cookie: '__session=an-older-session' }),
      app,
      allowed,
    );
    expect(res.headers.get('set-cookie')).toMatch(/^__session=the-session;/);
  });

  it('refuses another origin, a GET, a large body and a return anywhere but the embed page', async () => {
    const fields = { ...(await minted()), host, returnTo };
    expect(
      (await exchangeEmbedSession(post(fields, { origin: 'https://evil.example' }), app, allowed))
        .status,
    ).toBe(403);
    const get = await exchangeEmbedSession(new NextRequest(`${app}/embed/session`), app, allowed);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(
      (await exchangeEmbedSession(post(fields, { 'content-length': '4097' }), app, allowed)).status,
    ).toBe(413);
    // 4,096 bytes is still a form it reads (a bad one here: no code).
    expect(
      (await exchangeEmbedSession(post({ returnTo }, { 'content-length': '4096' }), app, allowed))
        .status,
    ).toBe(303);
    for (const bad of ['https://evil.example/embed/security', '//evil.example/x', '/security']) {
      expect(
        (await exchangeEmbedSession(post({ ...fields, returnTo: bad }), app, allowed)).status,
      ).toBe(400);
    }
  });

  it('sets no cookie for a spent code, a wrong verifier or an unlisted host', async () => {
    const first = await minted();
    await exchangeEmbedSession(post({ ...first, host, returnTo }), app, allowed);
    const second = await minted();
    for (const fields of [
      { ...first, host, returnTo },
      { ...second, verifier: randomBytes(32).toString('base64url'), host, returnTo },
      { ...(await minted()), host: 'https://evil.example', returnTo },
    ]) {
      const res = await exchangeEmbedSession(post(fields), app, allowed);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('handoff=failed');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });
});
