import { UAParser } from 'ua-parser-js';

// ua-parser-js reports mobile and headless variants separately; people know them by the plain
// browser name ("Safari on iOS", not "Mobile Safari on iOS").
const BROWSER_ALIASES: Record<string, string> = {
  'Mobile Safari': 'Safari',
  'Mobile Chrome': 'Chrome',
  'Chrome Headless': 'Chrome',
  'Chrome WebView': 'Chrome',
  'Mobile Firefox': 'Firefox',
  'Android Browser': 'Browser',
};

// Longer strings are not user agents; cap the parser's input so it stays cheap.
const MAX_UA_LENGTH = 512;

/**
 * "Chrome on macOS" from a user-agent string; only the part that is known when the other is
 * missing ("iOS" for a native app's CFNetwork agent); null for empty or unrecognisable agents.
 */
export function deviceName(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const ua = userAgent.trim();
  if (ua === '' || ua.length > MAX_UA_LENGTH) return null;
  const { browser, os } = UAParser(ua);
  const browserName = browser.name ? (BROWSER_ALIASES[browser.name] ?? browser.name) : null;
  const osName = os.name ?? null;
  if (browserName && osName) return `${browserName} on ${osName}`;
  return browserName ?? osName;
}
