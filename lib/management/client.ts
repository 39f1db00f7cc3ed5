import 'server-only';
import { ManagementClient, ManagementError } from 'auth0';
import { getEnv } from '@/lib/env';

// Management API calls run inside the per-user lock (lib/locks), whose TTL is 30 s. One retry and
// a 5 s timeout keep the worst case (2 × 5 s + backoff) well below it, and a rate-limited tenant
// surfaces as a 503 quickly instead of holding a request for minutes (the SDK default is 2 × 60 s).
const CALL_OPTIONS = { timeoutInSeconds: 5, maxRetries: 1 } as const;

function createClient(): ManagementClient {
  const { management } = getEnv();
  const localOrigin = management.localOrigin;
  return new ManagementClient({
    domain: management.domain,
    clientId: management.clientId,
    clientSecret: management.clientSecret,
    ...CALL_OPTIONS,
    // The SDK always speaks https://{domain}. The local tenant is plain http, so rewrite the
    // origin there; this is the only line where local and real tenants differ.
    ...(localOrigin
      ? {
          fetch: (input: RequestInfo | URL, init?: RequestInit) =>
            fetch(
              String(input instanceof Request ? input.url : input).replace(
                `https://${management.domain}`,
                localOrigin,
              ),
              init,
            ),
        }
      : {}),
  });
}

// One client per process, so its cached machine-to-machine token is shared by every request
// (the free plan allows 2 Management API requests per second for the whole tenant).
let client: ManagementClient | undefined;

/**
 * Runs `call` with the shared client. If Auth0 rejects the cached token (401) — as it does once the
 * signing key that signed it is revoked — the client is rebuilt with a fresh token and the call
 * is tried once more.
 */
export async function managementCall<T>(call: (mgmt: ManagementClient) => Promise<T>): Promise<T> {
  client ??= createClient();
  try {
    return await call(client);
  } catch (error) {
    if (!(error instanceof ManagementError) || error.statusCode !== 401) throw error;
    client = createClient();
    return call(client);
  }
}
