/**
 * Security headers for every response. Kept free of server-only imports because proxy.ts uses it.
 * Scripts run only with the per-request nonce ('strict-dynamic' lets Next's own chunks load);
 * styles allow inline attributes because React renders `style` props, which carry no script.
 */
export function buildCsp(options: {
  nonce: string;
  dev: boolean;
  frameAncestors: readonly string[];
}): string {
  const ancestors = options.frameAncestors.length > 0 ? options.frameAncestors.join(' ') : "'none'";
  const scriptSrc = [`'self'`, `'nonce-${options.nonce}'`, `'strict-dynamic'`];
  // React's dev overlay evaluates code; production never gets 'unsafe-eval'.
  if (options.dev) scriptSrc.push(`'unsafe-eval'`);
  return [
    `default-src 'self'`,
    `script-src ${scriptSrc.join(' ')}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

export function securityHeaders(
  csp: string,
  frameAncestors: readonly string[],
  appBaseUrl: string,
): Record<string, string> {
  return {
    // Over https, browsers keep to https for two years, so a network attacker cannot downgrade a
    // later visit. Never on http: it would be ignored there, and localhost must stay reachable.
    ...(appBaseUrl.startsWith('https:')
      ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' }
      : {}),
    'content-security-policy': csp,
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
    // Older browsers ignore frame-ancestors; DENY matches it when no embedder is allowed.
    ...(frameAncestors.length === 0 ? { 'x-frame-options': 'DENY' } : {}),
    // WebAuthn for Keyward's own origin only: a frame Keyward embeds gets none, and when Keyward
    // is itself framed by a host, this still needs the host's allow= attribute (embed.js sets it).
    'permissions-policy':
      'camera=(), microphone=(), geolocation=(), publickey-credentials-create=(self), publickey-credentials-get=(self)',
  };
}
