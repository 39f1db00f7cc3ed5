import 'server-only';
import { createRemoteJWKSet } from 'jose';
import { log } from '@/lib/core/log';
import { processShared } from '@/lib/core/registry';
import { getEnv } from '@/lib/env';
import { settlePasswordChange } from '@/lib/password/settle-password-change';
import { ttlStore } from '@/lib/state/ttl-store';
import { checkLogoutToken, tellingUnreachable } from './logout-token';
import { lazySessionStore } from './store';

// POST /auth/backchannel-logout, answered here instead of by nextjs-auth0 (proxy.ts): the token is
// checked in full (./logout-token.ts), remembered so it works once, and only then are the sessions
// it names ended. Anything wrong with the request is a 400; only a tenant whose keys cannot be
// fetched, or a store that cannot remember the token, is a 503.

const MAX_BODY_BYTES = 16 * 1024;

export type BackchannelOutcome =
  | { status: 204 }
  | {
      status: 400 | 413 | 503;
      code:
        | 'invalid_logout_token'
        | 'payload_too_large'
        | 'upstream_unavailable'
        | 'store_unavailable';
    };

// Auth0 publishes the tenant's signing keys here (its discovery document's jwks_uri). One cached
// key set per process, whichever bundle answers first.
const tenantKeys = () =>
  processShared('logout-token-jwks', () =>
    createRemoteJWKSet(new URL('.well-known/jwks.json', getEnv().auth0.issuer), {
      timeoutDuration: 5000,
    }),
  );

async function bodyText(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function backchannelLogout(request: Request): Promise<BackchannelOutcome> {
  const text = await bodyText(request);
  if (text === null) return { status: 413, code: 'payload_too_large' };
  const token = new URLSearchParams(text).get('logout_token');
  if (!token) return { status: 400, code: 'invalid_logout_token' };
  const { issuer, clientId } = getEnv().auth0;
  const check = await checkLogoutToken(
    token,
    { issuer, clientId },
    tellingUnreachable(tenantKeys()),
  );
  if (!check.ok) {
    log('warn', 'logout_token_refused', { reason: check.reason, detail: check.detail });
    return check.reason === 'unreachable'
      ? { status: 503, code: 'upstream_unavailable' }
      : { status: 400, code: 'invalid_logout_token' };
  }
  let fresh: boolean;
  try {
    // Remembered only once it verified: forged tokens store nothing.
    fresh = await ttlStore().claim(check.replayKey, '1', check.replayTtlMs);
  } catch {
    return { status: 503, code: 'store_unavailable' };
  }
  if (!fresh) {
    log('warn', 'logout_token_refused', { reason: 'invalid', detail: 'replayed' });
    return { status: 400, code: 'invalid_logout_token' };
  }
  await lazySessionStore.deleteByLogoutToken(check.claims);
  // A password change at Auth0 ends the user's sessions with these tokens: mail it, if Keyward
  // started that change (lib/password/settle-password-change.ts; never throws).
  if (typeof check.claims.sub === 'string') await settlePasswordChange(check.claims.sub);
  return { status: 204 };
}
