import { UAParser } from 'ua-parser-js';

// ua-parser-js says "macOS"; Auth0's summaries say "Mac OS X" ("Chrome 131.0.0 / Mac OS X 10.15.7").
const OS_NAMES: Record<string, string> = { macOS: 'Mac OS X' };

/** At most major.minor.patch, as in Auth0's summaries ("131.0.0.0" → "131.0.0"). */
function shortVersion(version: string | undefined): string {
  return version ? version.split('.').slice(0, 3).join('.') : '0.0.0';
}

/**
 * The User-Agent header as Auth0 stores it on a passkey: "browser version / OS version", e.g.
 * "Chrome 131.0.0 / Mac OS X 10.15.7". Unknown parts read "Other 0.0.0". No header: undefined.
 */
export function summarizeUserAgent(header: string | undefined): string | undefined {
  if (!header?.trim()) return undefined;
  const { browser, os } = UAParser(header);
  const browserName = browser.name ?? 'Other';
  const osName = os.name ? (OS_NAMES[os.name] ?? os.name) : 'Other';
  return `${browserName} ${shortVersion(browser.version)} / ${osName} ${shortVersion(os.version)}`;
}
