import 'server-only';
import { currentWorkScope } from '@/lib/core/work-scope';
import type { Env } from '@/lib/env';

/**
 * The fetch the SDK uses for every request, its token request included (whose own timeout is a
 * fixed 10 s): inside a lock's work scope the request is also aborted at the work's deadline, or
 * when the work ends, so none of ours is open once another holder can take the lock. Outside a
 * scope (the doctor, reads) it is plain fetch. The local tenant is plain http, so the origin is
 * rewritten there: the only line where local and real tenants differ.
 */
export function scopedFetch(rewrite?: { from: string; to: string }): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const target = rewrite ? url.replace(rewrite.from, rewrite.to) : url;
    const scope = currentWorkScope();
    if (!scope) return fetch(target, init);
    const signal = init?.signal ? AbortSignal.any([init.signal, scope.signal]) : scope.signal;
    return fetch(target, { ...init, signal });
  };
}

/**
 * What every ManagementClient of Keyward's is built from (the app's and the doctor's): the
 * Management domain, the M2M credentials and the fetch above.
 */
export function managementConnection(management: Env['management']) {
  const { domain, clientId, clientSecret, localOrigin } = management;
  return {
    domain,
    clientId,
    clientSecret,
    // The SDK always speaks https://{domain}; the local tenant is plain http.
    fetch: scopedFetch(localOrigin ? { from: `https://${domain}`, to: localOrigin } : undefined),
  };
}
