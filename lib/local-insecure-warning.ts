// nextjs-auth0 prints "allowInsecureRequests is enabled in a production environment. This is not
// recommended." whenever NODE_ENV is production and the option is on: once per bundle that builds
// the client, so twice in `npm run build` and again at `npm start`, with no word of why. The option
// is on in local mode only (lib/env.ts): the local tenant speaks plain http on loopback, and nothing
// leaves the machine. So in local mode that one line is dropped; against a real tenant (https,
// the option off) nothing is touched.

export const SDK_INSECURE_WARNING = 'allowInsecureRequests is enabled in a production environment';

/** Runs `make` (synchronous) with the SDK's insecure-requests line dropped when `local`. */
export function withoutLocalInsecureWarning<T>(local: boolean, make: () => T): T {
  if (!local) return make();
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(SDK_INSECURE_WARNING)) return;
    warn(...args);
  };
  try {
    return make();
  } finally {
    console.warn = warn;
  }
}
