import 'server-only';
import type { Env } from '@/lib/env';

/**
 * What every ManagementClient of Keyward's is built from (the app's and the doctor's): the
 * Management domain and the M2M credentials, and, against the local tenant, a fetch that speaks
 * plain http. The SDK always speaks https://{domain}; this is the only place where local and real
 * tenants differ.
 */
export function managementConnection(management: Env['management']) {
  const { domain, clientId, clientSecret, localOrigin } = management;
  return {
    domain,
    clientId,
    clientSecret,
    ...(localOrigin
      ? {
          fetch: (input: RequestInfo | URL, init?: RequestInit) =>
            fetch(
              String(input instanceof Request ? input.url : input).replace(
                `https://${domain}`,
                localOrigin,
              ),
              init,
            ),
        }
      : {}),
  };
}
