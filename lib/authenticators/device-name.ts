import { UAParser } from 'ua-parser-js';
import { Browser, OS } from 'ua-parser-js/enums';

// Parsers report mobile and headless variants separately; people know them by the plain
// browser name ("Safari on iOS", not "Mobile Safari on iOS").
const BROWSER_ALIASES: Record<string, string> = {
  'Mobile Safari': 'Safari',
  'Mobile Chrome': 'Chrome',
  'Chrome Headless': 'Chrome',
  'Chrome WebView': 'Chrome',
  'Mobile Firefox': 'Firefox',
  'Android Browser': 'Browser',
  // The same browsers as Auth0's summaries name them.
  'Chrome Mobile': 'Chrome',
  'Chrome Mobile iOS': 'Chrome',
  HeadlessChrome: 'Chrome',
  'Firefox Mobile': 'Firefox',
  'Edge Mobile': 'Edge',
};

// Longer strings are not user agents; cap the parser's input so it stays cheap.
const MAX_UA_LENGTH = 512;

// Auth0 stores a passkey's user agent as a summary, "Chrome 131.0.0 / Mac OS X 10.15.7":
// browser and version, a slash, OS and version. Versions may be missing.
const AUTH0_SUMMARY =
  /^([A-Za-z][\w .-]*?)(?: v?\d[\w.]*)? \/ ([A-Za-z][\w .-]*?)(?: v?\d[\w.]*)?$/;

// The summary uses the OS names of Auth0's parser; people (and ua-parser-js) say "macOS".
const OS_ALIASES: Record<string, string> = {
  'Mac OS X': 'macOS',
  'Mac OS': 'macOS',
  'OS X': 'macOS',
};

// A part the summary could not tell.
const UNKNOWN: ReadonlySet<string> = new Set(['Other', 'Unknown']);

function fromSummary(ua: string): [browser: string | null, os: string | null] | null {
  const match = AUTH0_SUMMARY.exec(ua);
  if (!match) return null;
  const [, browser = '', os = ''] = match;
  return [UNKNOWN.has(browser) ? null : browser, UNKNOWN.has(os) ? null : (OS_ALIASES[os] ?? os)];
}

function fromUserAgent(ua: string): [browser: string | null, os: string | null] {
  const { browser, os } = UAParser(ua);
  return [browser.name ?? null, os.name ?? null];
}

// Names by user-agent string: the same few agents come back on every row and every request, and
// ua-parser-js is the costliest step of a list (issue 22). Bounded; forgetting costs a re-parse.
// A pure memo, safe to hold once per bundle: this module also runs in tests and e2e outside the
// server, so it stays off the server-only process registry.
const names = new Map<string, string | null>();
const MAX_NAMES = 1000;

/**
 * "Chrome on macOS" from a raw user-agent string or Auth0's summary of one; only the part that is
 * known when the other is missing ("iOS" for a native app's CFNetwork agent); null for empty or
 * unrecognisable agents.
 */
export function deviceName(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const ua = userAgent.trim();
  if (ua === '' || ua.length > MAX_UA_LENGTH) return null;
  const known = names.get(ua);
  if (known !== undefined) return known;
  const name = parse(ua);
  if (names.size >= MAX_NAMES) names.delete(names.keys().next().value as string);
  names.set(ua, name);
  return name;
}

function parse(ua: string): string | null {
  const [browser, osName] = fromSummary(ua) ?? fromUserAgent(ua);
  const browserName = browser ? (BROWSER_ALIASES[browser] ?? browser) : null;
  if (browserName && osName) return `${browserName} on ${osName}`;
  return browserName ?? osName;
}

const KNOWN_BROWSERS: ReadonlySet<string> = new Set(Object.values(Browser));
const KNOWN_SYSTEMS: ReadonlySet<string> = new Set(Object.values(OS));

/**
 * "Chrome on macOS" from a User-Agent header, for mail: only names ua-parser-js knows (its enums),
 * never text of the header itself. deviceName also reads Auth0's "Browser / OS" summary, which a
 * header can imitate with any words ("Reset it at evil.example / Windows"); this never does.
 */
export function deviceNameFromHeader(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const ua = userAgent.trim();
  if (ua === '' || ua.length > MAX_UA_LENGTH) return null;
  const [browser, osName] = fromUserAgent(ua);
  const known = browser && KNOWN_BROWSERS.has(browser) ? browser : null;
  const browserName = known ? (BROWSER_ALIASES[known] ?? known) : null;
  const system = osName && KNOWN_SYSTEMS.has(osName) ? osName : null;
  if (browserName && system) return `${browserName} on ${system}`;
  return browserName ?? system;
}
