import 'server-only';
import { type NextRequest, NextResponse } from 'next/server';
import { INACTIVITY_SECONDS } from '@/lib/sessions/lifetime';
import { allowedHost, embedReturnPath } from './frame-policy';
import { redeemHandoff, SESSION_COOKIE } from './handoff';

// POST /embed/session: the frame's half of the handoff (lib/embed/handoff.ts). A form post, so the
// answer is a navigation in the frame: the session cookie it sets lands in the frame's own
// partition, and the frame reloads where the person was (`returnTo`, with its resume marker).
// Handled in proxy.ts beside nextjs-auth0's own routes, since no session exists yet.

const MAX_BODY_BYTES = 4096;
const VERIFIER = /^[A-Za-z0-9_-]{43}$/;
const CODE = /^[A-Za-z0-9_-]{43}$/;

/** The cookie attributes a frame needs: sent cross-site, in the host's partition only. */
const FRAME_COOKIE = { sameSite: 'none', secure: true, partitioned: true } as const;

function back(returnTo: string, appOrigin: string, outcome: 'done' | 'failed'): NextResponse {
  const url = new URL(returnTo, appOrigin);
  url.searchParams.set('handoff', outcome);
  return NextResponse.redirect(url, 303);
}

export async function exchangeEmbedSession(
  request: NextRequest,
  appOrigin: string,
  allowed: readonly string[],
): Promise<NextResponse> {
  if (request.method !== 'POST')
    return new NextResponse(null, { status: 405, headers: { allow: 'POST' } });
  // A form post from the frame carries Keyward's origin; from anywhere else it is refused.
  if (request.headers.get('origin') !== appOrigin) return new NextResponse(null, { status: 403 });
  const length = Number(request.headers.get('content-length') ?? 'NaN');
  if (!Number.isFinite(length) || length > MAX_BODY_BYTES)
    return new NextResponse(null, { status: 413 });
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await request.text());
  } catch {
    return new NextResponse(null, { status: 400 });
  }
  const returnTo = embedReturnPath(form.get('returnTo') ?? '', appOrigin);
  if (!returnTo) return new NextResponse(null, { status: 400 });
  const code = form.get('code') ?? '';
  const verifier = form.get('verifier') ?? '';
  const host = allowedHost(form.get('host'), allowed);
  if (!host || !CODE.test(code) || !VERIFIER.test(verifier)) {
    return back(returnTo, appOrigin, 'failed');
  }
  const cookie = await redeemHandoff({ code, verifier, host });
  if (!cookie) return back(returnTo, appOrigin, 'failed');
  const response = back(returnTo, appOrigin, 'done');
  response.headers.set('cache-control', 'no-store');
  // A same-site frame already sends the popup's own cookie: a partitioned copy would only sit
  // beside it under the same name, and outlive it when that one is signed out and replaced.
  if (request.cookies.getAll(SESSION_COOKIE).some((c) => c.value === cookie)) return response;
  response.cookies.set({
    name: SESSION_COOKIE,
    value: cookie,
    httpOnly: true,
    path: '/',
    maxAge: INACTIVITY_SECONDS,
    ...FRAME_COOKIE,
  });
  return response;
}
