import { createServer, Socket } from 'node:net';

// What `npm run dev` / `npm start` find on their ports before starting anything, so a busy port
// is reported up front instead of as EADDRINUSE after the banner, and someone else's server on
// the tenant's port is never mistaken for ours.

/** True when nothing listens on `port` on any interface: we could bind it the way Next does. */
export function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // No host: every interface, both families where the system has them (as `next dev`).
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when something accepts connections on localhost:`port` (either loopback family). */
export async function answers(port: number, timeoutMs = 500): Promise<boolean> {
  const tryHost = (host: string) =>
    new Promise<boolean>((resolve) => {
      const socket = new Socket();
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(timeoutMs, () => done(false));
      socket.once('error', () => done(false));
      socket.connect(port, host, () => done(true));
    });
  const [v4, v6] = await Promise.all([tryHost('127.0.0.1'), tryHost('::1')]);
  return v4 || v6;
}

export type TenantProbe =
  /** Nothing there: start our own. */
  | { kind: 'free' }
  /** A Keyward local tenant for this app (its issuer, and it accepts our callback URL). */
  | { kind: 'ours' }
  /** Something else, or a tenant that would not let this app sign in. */
  | { kind: 'other'; detail: string };

const APP_CLIENT_ID = 'keyward-local-app';

/**
 * GET without following redirects; null when nothing answers within `ms`. The timer is a plain
 * (ref'd) one, unlike AbortSignal.timeout's: a peer that drops the connection can leave fetch
 * waiting on no open handle, and Node would then exit silently in the middle of the check.
 */
export async function fetchWithin(url: string, ms = 1500): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetch(url, { redirect: 'manual', signal: controller.signal });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

const get = (url: string) => fetchWithin(url);

/**
 * Looks at what listens on the tenant's port. It is adopted only if it is a Keyward local tenant
 * on that port (health check, the issuer `http://localhost:{port}/`) that lists this app's
 * callback URL, so signing in will work; anything else is reported and never used.
 */
export async function probeTenant(port: number, appUrl: string): Promise<TenantProbe> {
  const origin = `http://localhost:${port}`;
  const health = await get(`${origin}/_local/health`);
  if (!health) {
    return (await answers(port))
      ? { kind: 'other', detail: 'something that does not answer HTTP' }
      : { kind: 'free' };
  }
  const body: unknown = await health.json().catch(() => null);
  const healthy = health.ok && typeof body === 'object' && body !== null && 'ok' in body;
  const discovery = healthy ? await get(`${origin}/.well-known/openid-configuration`) : null;
  const issuer: unknown = discovery?.ok
    ? ((await discovery.json().catch(() => null)) as { issuer?: unknown } | null)?.issuer
    : undefined;
  if (!healthy || issuer !== `${origin}/`) {
    return { kind: 'other', detail: 'a server that is not a Keyward local tenant' };
  }
  // Would it sign this app in? An unregistered redirect_uri is refused with 400; a known one is
  // sent on to the sign-in page. Nothing is stored but a short-lived interaction.
  const authorize = new URL(`${origin}/authorize`);
  authorize.search = new URLSearchParams({
    client_id: APP_CLIENT_ID,
    response_type: 'code',
    redirect_uri: `${appUrl}/auth/callback`,
    scope: 'openid',
    state: 'port-check',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
  }).toString();
  const probe = await get(authorize.href);
  if (probe && probe.status >= 300 && probe.status < 400) return { kind: 'ours' };
  return {
    kind: 'other',
    detail: `a Keyward local tenant for another app (it does not accept ${appUrl})`,
  };
}
