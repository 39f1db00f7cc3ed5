// Ground floor: imports nothing of Keyward's. What a failed /auth/callback means, from the error
// nextjs-auth0 hands its onCallback hook (lib/auth0.ts). The SDK's own answer to every one of them
// is a bare 500, which would read as "sign-in is down" when most are a bad or stale request.
//
// - `invalid` (400): the request itself is wrong or old: no state, a state this browser did not
//   start (no transaction cookie: another browser, a second use, a bookmark), an error the sign-in
//   page sent back (cancelled, refused), or a code the tenant refused (made up, used, expired).
// - `unavailable` (503): the tenant could not be asked or answered that it cannot serve:
//   discovery failed, the token request did not get through, or its answer was no OAuth answer
//   at all (a 5xx, a proxy's error page), or it refused Keyward's own credentials.

export type CallbackFailure = 'invalid' | 'unavailable';

/** Token-endpoint error codes that say the tenant, not this request, is at fault. */
const TENANT_FAULTS = new Set([
  'unknown_error',
  'server_error',
  'temporarily_unavailable',
  'invalid_client',
  'unauthorized_client',
]);

const codeOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
  return typeof value.code === 'string' ? value.code : undefined;
};

export function callbackFailure(error: unknown): CallbackFailure {
  switch (codeOf(error)) {
    case 'discovery_error':
    case 'authorization_code_grant_request_error':
      return 'unavailable';
    case 'authorization_code_grant_error': {
      const cause = codeOf((error as { cause?: unknown }).cause) ?? 'unknown_error';
      return TENANT_FAULTS.has(cause) ? 'unavailable' : 'invalid';
    }
    default:
      // missing_state, invalid_state, authorization_error (the `error` the sign-in page sent
      // back, or no code), issuer and session-domain mismatches: all about this request.
      return 'invalid';
  }
}
