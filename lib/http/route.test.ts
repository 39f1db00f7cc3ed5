import { ManagementError } from 'auth0';
import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/lib/core/errors';
import { createRouteWrapper } from '@/lib/http/route';
import type { SessionUser } from '@/lib/session';

const APP = 'http://localhost:3000';
const alice: SessionUser = {
  userId: 'auth0|alice',
  email: 'a@x',
  name: 'A',
  authTime: 0,
  roles: [],
};

function wrapper(user: SessionUser | null = alice, recent = true, limited = false) {
  return createRouteWrapper({
    getUser: async () => user,
    enforceLimit: async () => {
      if (limited) throw new ApiError(429, 'rate_limited', 'Slow down.', { 'retry-after': '7' });
    },
    appOrigin: () => APP,
    isAdmin: (u) => u.roles.includes('admin'),
    hasRecentSignIn: () => recent,
  });
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { origin: APP, 'content-type': 'application/json', ...headers },
});

async function errorOf(res: Response) {
  return { status: res.status, body: await res.json() };
}

describe('withRoute', () => {
  const bodySchema = z.object({ name: z.string().min(1) });

  it('answers 429 with Retry-After when the route limit is spent, before the handler runs', async () => {
    const handler = vi.fn();
    const res = await wrapper(alice, true, true)({ limit: 'change' }, handler)(
      new NextRequest(`${APP}/api/x`, { method: 'DELETE', headers: { origin: APP } }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not count requests of routes without a limit', async () => {
    const res = await wrapper(alice, true, true)({}, async () => Response.json({ ok: true }))(
      new NextRequest(`${APP}/api/x`),
    );
    expect(res.status).toBe(200);
  });

  it('answers 401 JSON without a session and never runs the handler', async () => {
    const handler = vi.fn();
    const res = await wrapper(null)({}, handler)(new NextRequest(`${APP}/api/x`));
    expect(await errorOf(res)).toEqual({
      status: 401,
      body: { error: { code: 'unauthorized', message: expect.any(String) } },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses mutations from another origin, or with no Origin, with 403', async () => {
    const handler = vi.fn();
    const route = wrapper()({ body: bodySchema }, handler);
    const foreign = await route(
      new NextRequest(`${APP}/api/x`, json({ name: 'n' }, { origin: 'https://evil.example' })),
    );
    expect((await errorOf(foreign)).body.error.code).toBe('cross_origin');
    const { origin: _o, ...noOrigin } = json({ name: 'n' }).headers;
    const missing = await route(
      new NextRequest(`${APP}/api/x`, { ...json({ name: 'n' }), headers: noOrigin }),
    );
    expect(missing.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it('without Origin, takes only the browser’s Sec-Fetch-Site: same-origin, not same-site', async () => {
    const handler = vi.fn(async () => new Response(null, { status: 204 }));
    const route = wrapper()({ body: bodySchema }, handler);
    const { origin: _o, ...noOrigin } = json({ name: 'n' }).headers;
    const from = (site: string) =>
      route(
        new NextRequest(`${APP}/api/x`, {
          ...json({ name: 'n' }),
          headers: { ...noOrigin, 'sec-fetch-site': site },
        }),
      );
    // A sibling subdomain (another app on the same site) is not Keyward.
    expect(await errorOf(await from('same-site'))).toEqual({
      status: 403,
      body: { error: { code: 'cross_origin', message: expect.any(String) } },
    });
    expect(handler).not.toHaveBeenCalled();
    expect((await from('same-origin')).status).toBe(204);
  });

  it('accepts a same-origin mutation and hands the parsed body to the handler', async () => {
    const route = wrapper()({ body: bodySchema }, async ({ body, user }) =>
      Response.json({ got: body.name, user: user.userId }),
    );
    const res = await route(new NextRequest(`${APP}/api/x`, json({ name: 'Desk key', extra: 1 })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: 'Desk key', user: 'auth0|alice' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 400 for malformed JSON and 422 for the wrong shape', async () => {
    const route = wrapper()({ body: bodySchema }, async () => new Response(null, { status: 204 }));
    const bad = await errorOf(await route(new NextRequest(`${APP}/api/x`, json('{"name":'))));
    expect(bad).toEqual({
      status: 400,
      body: { error: { code: 'invalid_json', message: expect.any(String) } },
    });
    const shape = await errorOf(await route(new NextRequest(`${APP}/api/x`, json({ name: 42 }))));
    expect(shape.status).toBe(422);
    expect(shape.body.error.code).toBe('invalid_request');
    expect(shape.body.error.message).toMatch(/^name: /);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const route = wrapper()({ body: bodySchema }, async () => new Response(null, { status: 204 }));
    const res = await route(
      new NextRequest(`${APP}/api/x`, json({ name: 'n' }, { 'content-type': 'text/plain' })),
    );
    expect(res.status).toBe(415);
  });

  it('answers 413 past the size limit, declared or streamed', async () => {
    const handler = vi.fn();
    const route = wrapper()({ body: z.object({ name: z.string() }), maxBodyBytes: 100 }, handler);
    const big = JSON.stringify({ name: 'x'.repeat(200) });
    const declared = await route(new NextRequest(`${APP}/api/x`, json(big)));
    expect((await errorOf(declared)).body.error.code).toBe('payload_too_large');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    // No Content-Length: the limit must hold while the body streams in. (`duplex` is required
    // by fetch for stream bodies; a variable avoids the excess-property check on Next's type.)
    const init = {
      method: 'POST',
      headers: json('').headers,
      body: stream,
      duplex: 'half' as const,
    };
    const streamed = await route(new NextRequest(`${APP}/api/x`, init));
    expect(streamed.status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it('validates params with zod', async () => {
    const route = wrapper()(
      { params: z.object({ id: z.string().regex(/^[a-z]+$/) }) },
      async ({ params }) => Response.json(params),
    );
    const ok = await route(new NextRequest(`${APP}/api/x/abc`), {
      params: Promise.resolve({ id: 'abc' }),
    });
    expect(await ok.json()).toEqual({ id: 'abc' });
    const bad = await route(new NextRequest(`${APP}/api/x/1`), {
      params: Promise.resolve({ id: '1' }),
    });
    expect(bad.status).toBe(422);
  });

  it('asks for a fresh sign-in on sensitive routes and checks the admin role', async () => {
    const stale = await wrapper(alice, false)(
      { recentAuth: true },
      async () => new Response(null, { status: 204 }),
    )(new NextRequest(`${APP}/api/x`));
    expect(await errorOf(stale)).toEqual({
      status: 401,
      body: { error: { code: 'reauth_required', message: expect.any(String) } },
    });
    const notAdmin = await wrapper()(
      { admin: true },
      async () => new Response(null, { status: 204 }),
    )(new NextRequest(`${APP}/api/x`));
    expect(notAdmin.status).toBe(403);
  });

  it('maps Management API failures: 404 stays, 429 becomes 503 with Retry-After, others 502', async () => {
    const throwing = (error: unknown) =>
      wrapper()({}, async () => {
        throw error;
      })(new NextRequest(`${APP}/api/x`));
    const upstream = (statusCode: number, headers: Record<string, string> = {}) =>
      new ManagementError({
        message: 'upstream',
        statusCode,
        body: { message: 'The user does not exist.' },
        rawResponse: {
          headers: new Headers(headers),
          redirected: false,
          status: statusCode,
          statusText: '',
          type: 'basic',
          url: '',
        },
      });
    expect((await throwing(upstream(404))).status).toBe(404);
    const limited = await throwing(
      upstream(429, { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3) }),
    );
    expect(limited.status).toBe(503);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await errorOf(await throwing(upstream(500)))).status).toBe(502);
  });

  it('passes ApiErrors through and hides everything else behind a generic 500', async () => {
    const conflict = await wrapper()({}, async () => {
      throw new ApiError(409, 'last_factor', 'Add another passkey first.');
    })(new NextRequest(`${APP}/api/x`));
    expect(await errorOf(conflict)).toEqual({
      status: 409,
      body: { error: { code: 'last_factor', message: 'Add another passkey first.' } },
    });

    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const crash = await wrapper()({}, async () => {
      throw new Error('SELECT * FROM secrets at /srv/app/lib/db.ts:12');
    })(new NextRequest(`${APP}/api/x`));
    const text = await crash.text();
    expect(crash.status).toBe(500);
    expect(text).not.toContain('secrets');
    expect(text).not.toContain('/srv/app');
    expect(JSON.parse(text).error.code).toBe('internal_error');
    // The log line names the failure but carries no message text.
    expect(String(spy.mock.calls[0]?.[0])).not.toContain('secrets');
    spy.mockRestore();
  });
});
