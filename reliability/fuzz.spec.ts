import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test } from '../e2e/fixtures';
import { DEMO_USERS } from '../local-tenant/src/seed';
import { startRedisServer } from '../test/local-servers';
import { cookieHeader, redisAdmin, saveFigures, tally } from './support/figures';
import { type Answer, errorCode, json as parseJson, send } from './support/http';
import { currentKid, tenantTruth } from './support/truth';
import type { FuzzFigures, FuzzFinding } from './support/types';

// (c) Every route under app/api (found on disk), with malformed and hostile paths, odd methods,
// wrong content types, huge, malformed and deeply nested bodies, hostile names and other users'
// ids, signed in and not. Counts 5xx answers (goal: none) and answers without our headers.

type Route = { template: string; methods: string[] };

function discoverRoutes(): Route[] {
  const root = join('app', 'api');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .map((f) => join(root, f))
    .filter((f) => f.endsWith(`${sep}route.ts`));
  return files
    .map((file) => {
      const source = readFileSync(file, 'utf8');
      const methods = [
        ...source.matchAll(/export\s+(?:const|async\s+function|function)\s+([A-Z]+)\b/g),
      ].map((m) => m[1] ?? '');
      const template = `/${relative('app', file).split(sep).slice(0, -1).join('/')}`;
      return { template, methods };
    })
    .sort((a, b) => a.template.localeCompare(b.template));
}

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const ODD_METHODS = ['PROPFIND', 'FOO'];

/** Malformed or hostile values for a dynamic segment, already as they go on the wire. */
const HOSTILE_SEGMENTS = [
  '%',
  '%E0%A4%A',
  '%00',
  '%ZZ',
  '..%2F..%2Fadmin',
  '%252F',
  'made-up-id',
  'x'.repeat(5000),
  encodeURIComponent('🔑'),
  encodeURIComponent('passkey|'),
  `${encodeURIComponent('<script>')}`,
];

/** Paths outside app/api that go through the proxy (or, under /_next, around it). */
const OTHER_PATHS = [
  '/%',
  '/%E0%A4%A',
  '/security/%',
  '/api/%',
  '/api/factors/%/x',
  '/auth/%',
  '/auth/login?returnTo=%',
  '/auth/login?returnTo=https%3A%2F%2Fevil.example',
  '/admin/signing-keys/%',
  '/_next/static/%',
  '/_next/image?url=%',
  '/favicon.ico/%',
];

type Body = { label: string; contentType?: string; body: string | Buffer };

const json = (value: unknown) => JSON.stringify(value);
const NAMES: [string, unknown][] = [
  ['bidi override', 'Desk key \u202Egnp.exe'],
  ['zero-width only', '\u200B\u200C\u200D'],
  ['control character', 'Desk\u0007key'],
  ['NUL', 'Desk\u0000key'],
  ['whitespace only', '   '],
  ['10 000 characters', 'k'.repeat(10_000)],
  ['emoji', '🔑 Work key'],
  ['CJK', '仕事の鍵'],
  ['combining marks', 'Cle\u0301'],
  ['number', 123],
  ['null', null],
  ['array', ['a']],
  ['object', { a: 1 }],
];

const fakeResponse = (over: Record<string, unknown> = {}) => ({
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'oA' },
  clientExtensionResults: {},
  ...over,
});

function bodies(): Body[] {
  const j = 'application/json';
  return [
    { label: 'no body', body: '' },
    { label: 'empty JSON', contentType: j, body: '' },
    { label: 'truncated JSON', contentType: j, body: '{"name":' },
    { label: 'JSON null', contentType: j, body: 'null' },
    { label: 'JSON array', contentType: j, body: '[]' },
    { label: 'JSON string', contentType: j, body: '"x"' },
    { label: 'JSON 1e999', contentType: j, body: '1e999' },
    { label: 'empty object', contentType: j, body: '{}' },
    { label: 'text/plain', contentType: 'text/plain', body: json({ name: 'x' }) },
    { label: 'form', contentType: 'application/x-www-form-urlencoded', body: 'name=x' },
    {
      label: 'multipart',
      contentType: 'multipart/form-data; boundary=b',
      body: '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n',
    },
    { label: 'JSON as UTF-16', contentType: `${j}; charset=utf-16`, body: json({ name: 'x' }) },
    { label: 'invalid UTF-8', contentType: j, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
    { label: '2 MB body', contentType: j, body: json({ name: 'a'.repeat(2_000_000) }) },
    // Deep nesting that still fits under the smallest body limit (16 KB), so it gets parsed.
    {
      label: '7 000 nested arrays',
      contentType: j,
      body: `${'['.repeat(7000)}${']'.repeat(7000)}`,
    },
    {
      label: '2 500 nested objects',
      contentType: j,
      body: `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`,
    },
    {
      label: '200 000 nested arrays',
      contentType: j,
      body: `${'['.repeat(2e5)}${']'.repeat(2e5)}`,
    },
    { label: '__proto__', contentType: j, body: '{"__proto__":{"admin":true},"name":"x"}' },
    ...NAMES.map(
      ([label, name]): Body => ({ label: `name: ${label}`, contentType: j, body: json({ name }) }),
    ),
    {
      label: 'lone surrogate name',
      contentType: j,
      body: '{"name":"\\ud800"}',
    },
    { label: 'response: garbage', contentType: j, body: json({ response: fakeResponse() }) },
    {
      label: 'response: not base64url',
      contentType: j,
      body: json({ response: fakeResponse({ id: '!!!', rawId: '***' }) }),
    },
    {
      label: 'response: 60 KB attestation',
      contentType: j,
      body: json({
        response: fakeResponse({
          response: { clientDataJSON: 'e30', attestationObject: 'A'.repeat(60_000) },
        }),
      }),
    },
    {
      label: 'response: wrong types',
      contentType: j,
      body: json({ response: { id: 1, rawId: [], type: 'x', response: 'y' } }),
    },
    {
      label: 'kind + response (name suggestion)',
      contentType: j,
      body: json({ kind: 'passkey', response: fakeResponse() }),
    },
    {
      label: 'unknown kind',
      contentType: j,
      body: json({ kind: 'password', response: fakeResponse() }),
    },
  ];
}

/** Whether a request to `path` passes through proxy.ts (and so must carry our headers). */
const throughProxy = (path: string) => !/^\/(_next\/static|_next\/image|favicon\.ico)/.test(path);

/** Where a fuzz answer counts: a 5xx, no answer, no security headers, refused by Node itself. */
type Findings = {
  fiveHundreds: FuzzFinding[];
  noAnswer: FuzzFinding[];
  missingHeaders: FuzzFinding[];
  parserRefusals: FuzzFinding[];
};

function findingOf(
  auth: FuzzFinding['auth'],
  c: { method: string; path: string; body: Body; headers?: Record<string, string> },
  answer: Answer,
): FuzzFinding {
  return {
    auth,
    method: c.method,
    path: c.path.length > 80 ? `${c.path.slice(0, 77)}…` : c.path,
    body: c.body.label + (c.headers ? ` + ${Object.keys(c.headers).join(', ')}` : ''),
    status: answer.status,
    code: errorCode(answer),
    ...(answer.error ? { note: answer.error } : {}),
  };
}

function classify(findings: Findings, answer: Answer, finding: FuzzFinding, path: string): void {
  // Node's HTTP parser refuses some requests itself (an unknown method) with a bare 400 and
  // no headers at all, before Next or any of our code sees them.
  const byNode = answer.status === 400 && !answer.headers.date;
  if (byNode) findings.parserRefusals.push(finding);
  if (answer.status >= 500) findings.fiveHundreds.push(finding);
  if (answer.status === 0) findings.noAnswer.push(finding);
  // Next answers a trailing slash itself, before proxy.ts, with a bodiless 308 to the same path
  // without it: nothing a browser renders, so nothing our headers would protect.
  const location = answer.headers.location ?? '';
  const slashRedirect =
    answer.status === 308 && path.endsWith('/') && location.endsWith(path.replace(/\/+$/, ''));
  if (
    answer.status > 0 &&
    !byNode &&
    !slashRedirect &&
    throughProxy(path) &&
    (answer.headers['x-content-type-options'] !== 'nosniff' ||
      !answer.headers['content-security-policy'])
  ) {
    findings.missingHeaders.push(finding);
  }
}

test('fuzz every API route', async ({ page, browser, tenant, launchApp, signIn }) => {
  test.setTimeout(300_000);
  const truth = tenantTruth(tenant.url);
  const redis = await startRedisServer();
  const admin = redisAdmin(redis.url);
  const adminContext = await browser.newContext();
  try {
    const app = await launchApp({ REDIS_URL: redis.url, REAUTH_MAX_AGE: '3600' });
    const base = app.url;
    await signIn(page, 'alice', base);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, 'admin', base);
    const cookies = {
      alice: await cookieHeader(page.context()),
      admin: await cookieHeader(adminContext),
    };

    const routes = discoverRoutes();
    const aliceMethods = await truth.methods(DEMO_USERS.alice.user_id);
    const bobBefore = await truth.methods(DEMO_USERS.bob.user_id);
    const keys = await truth.keys();
    const ownId = aliceMethods.find((m) => m.type === 'webauthn-roaming')?.id ?? 'none';
    const bobId = bobBefore.find((m) => m.type === 'passkey')?.id ?? 'none';
    const kid = currentKid(keys) ?? 'none';
    const segmentValues = (param: string) => [
      ...(param === 'kid' ? [encodeURIComponent(kid)] : [encodeURIComponent(ownId)]),
      // Another user's id, signed in as alice.
      encodeURIComponent(bobId),
      ...HOSTILE_SEGMENTS,
    ];
    const concrete = (template: string, value: string) => template.replace(/\[[^\]]+\]/, value);

    type Case = {
      auth: 'anonymous' | 'alice' | 'admin' | 'alice, no Origin';
      method: string;
      path: string;
      body: Body;
      headers?: Record<string, string>;
    };
    const cases: Case[] = [];
    const noBody: Body = { label: 'no body', body: '' };
    for (const route of routes) {
      const param = /\[([^\]]+)\]/.exec(route.template)?.[1];
      const paths = param
        ? segmentValues(param).map((v) => concrete(route.template, v))
        : [route.template, `${route.template}/%`, `${route.template}/extra`];
      const user = route.template.startsWith('/api/admin') ? 'admin' : 'alice';
      for (const path of paths) {
        for (const method of [...ALL_METHODS, ...ODD_METHODS]) {
          cases.push({ auth: user, method, path, body: noBody });
        }
      }
      // Signed out and without Origin: every method on the plain path.
      for (const method of ALL_METHODS) {
        cases.push({ auth: 'anonymous', method, path: paths[0] ?? route.template, body: noBody });
        if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
          cases.push({ auth: 'alice, no Origin', method, path: paths[0] ?? '', body: noBody });
        }
      }
      // Every body on every declared method that takes one, on a valid path.
      for (const method of route.methods.filter((m) => m !== 'GET' && m !== 'DELETE')) {
        for (const body of bodies()) {
          cases.push({ auth: user, method, path: paths[0] ?? route.template, body });
        }
        // Odd headers on the same route.
        const oddHeaders: Record<string, string>[] = [
          { 'idempotency-key': 'x'.repeat(300) },
          { 'idempotency-key': 'a b' },
          { 'x-request-id': 'r'.repeat(8000) },
          { origin: 'null' },
          { 'content-length': '999999999' },
        ];
        for (const headers of oddHeaders) {
          cases.push({
            auth: user,
            method,
            path: paths[0] ?? '',
            body: { label: 'empty object', contentType: 'application/json', body: '{}' },
            headers,
          });
        }
      }
    }
    for (const path of OTHER_PATHS) {
      cases.push({ auth: 'alice', method: 'GET', path, body: noBody });
      cases.push({ auth: 'anonymous', method: 'GET', path, body: noBody });
    }

    // Names (issue 11 item 6): what a rename of alice's security key answers, and what Auth0 then
    // holds. Refused: anything that reorders, hides or breaks the text; kept: emoji, every script.
    const NAME_CASES: { label: string; name: string; expect: 'refused' | 'kept' }[] = [
      { label: 'bidi override (U+202E)', name: 'Desk key \u202Egnp.exe', expect: 'refused' },
      { label: 'bidi isolate (U+2066…U+2069)', name: 'Desk \u2066key\u2069', expect: 'refused' },
      { label: 'right-to-left mark (U+200F)', name: 'Desk\u200Fkey', expect: 'refused' },
      { label: 'control character (BEL)', name: 'Desk\u0007key', expect: 'refused' },
      { label: 'line break', name: 'Desk\nkey', expect: 'refused' },
      { label: 'NUL', name: 'Desk\u0000key', expect: 'refused' },
      { label: 'zero-width only', name: '\u200B\u200C\u200D', expect: 'refused' },
      { label: 'Hangul filler only', name: '\u3164', expect: 'refused' },
      { label: 'emoji', name: '🔑 Work key', expect: 'kept' },
      { label: 'emoji with ZWJ', name: '👩‍💻 laptop', expect: 'kept' },
      { label: 'CJK', name: '仕事の鍵', expect: 'kept' },
      { label: 'Arabic', name: 'مفتاح العمل', expect: 'kept' },
      { label: 'Devanagari', name: 'काम की चाबी', expect: 'kept' },
      { label: 'decomposed é (NFD)', name: 'Cle\u0301', expect: 'kept' },
    ];
    const names: FuzzFigures['names'] = [];
    const keyId = aliceMethods.find((m) => m.type === 'webauthn-roaming')?.id ?? '';
    for (const n of NAME_CASES) {
      await admin.clearLimits();
      const answer = await send(base, `/api/factors/${encodeURIComponent(keyId)}`, {
        method: 'PATCH',
        headers: { cookie: cookies.alice, origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({ name: n.name }),
      });
      const held = (await truth.methods(DEMO_USERS.alice.user_id)).find((m) => m.id === keyId);
      const message = parseJson<{ error?: { message?: string } }>(answer)?.error?.message ?? '';
      names.push({
        label: n.label,
        expect: n.expect,
        status: answer.status,
        message,
        stored: held?.name ?? null,
        ok:
          n.expect === 'refused'
            ? answer.status === 422 && held?.name !== n.name
            : answer.status === 200 && held?.name === n.name.normalize('NFC'),
      });
    }

    const started = Date.now();
    const statuses: (number | string)[] = [];
    const byAuth: string[] = [];
    const findings: Findings = {
      fiveHundreds: [],
      missingHeaders: [],
      noAnswer: [],
      parserRefusals: [],
    };
    const { fiveHundreds, missingHeaders, noAnswer, parserRefusals } = findings;
    const timings: { ms: number; what: string }[] = [];
    for (const [i, c] of cases.entries()) {
      // Forget the per-user and per-IP counters now and then, so the fuzz reaches the parsers
      // instead of the limits (they are measured in the flood test).
      if (i % 5 === 0) await admin.clearLimits();
      const headers: Record<string, string> = {};
      if (c.auth === 'alice' || c.auth === 'alice, no Origin') headers.cookie = cookies.alice;
      if (c.auth === 'admin') headers.cookie = cookies.admin;
      if (c.auth !== 'alice, no Origin') headers.origin = base;
      if (c.body.contentType) headers['content-type'] = c.body.contentType;
      Object.assign(headers, c.headers);
      const body = c.body.body === '' ? undefined : c.body.body;
      const lying = c.headers?.['content-length'] !== undefined;
      const answer: Answer = await send(base, c.path, {
        method: c.method,
        headers,
        body,
        timeoutMs: lying ? 1500 : 20_000,
      });
      // A Content-Length larger than the body makes a server wait for bytes that never come,
      // as HTTP says it should: counted apart, not as a failure.
      if (lying && answer.status === 0) {
        statuses.push('waited for the declared body');
        byAuth.push(c.auth);
        continue;
      }
      statuses.push(answer.status);
      byAuth.push(c.auth);
      timings.push({ ms: answer.ms, what: `${c.method} ${c.path.slice(0, 60)} (${c.body.label})` });
      classify(findings, answer, findingOf(c.auth, c, answer), c.path);
    }

    const bobAfter = await truth.methods(DEMO_USERS.bob.user_id);
    const lost = bobBefore
      .filter((m) => !bobAfter.some((a) => a.id === m.id))
      .map((m) => `${m.type} ${m.id}`);
    const figures: FuzzFigures = {
      routes,
      names,
      requests: cases.length,
      bodiesPerRoute: bodies().length,
      byStatus: tally(statuses),
      byAuth: tally(byAuth),
      fiveHundreds,
      missingHeaders,
      noAnswer,
      parserRefusals: parserRefusals.length,
      slowest: timings.sort((a, b) => b.ms - a.ms).slice(0, 5),
      otherUsersData: { before: bobBefore.length, after: bobAfter.length, lost },
      seconds: Math.round((Date.now() - started) / 1000),
    };
    saveFigures('fuzz', figures);

    expect.soft(fiveHundreds, '5xx answers').toEqual([]);
    expect
      .soft(
        names.filter((n) => !n.ok),
        'names refused or kept as they should be',
      )
      .toEqual([]);
    expect.soft(noAnswer, 'requests without an HTTP answer').toEqual([]);
    expect.soft(missingHeaders, 'answers without our security headers').toEqual([]);
    expect.soft(lost, "bob's methods lost while alice fuzzed").toEqual([]);
  } finally {
    await adminContext.close();
    admin.close();
    await redis.dispose();
  }
});

// (c, continued) Everything anyone may send without signing in (issue 20): /auth/*, /embed/*, the
// pages and assets, with every method, hostile queries, odd and lying content types, huge bodies
// and headers, and made-up forwarding headers. Goal: not one 5xx. Each request comes from its own
// made-up address (X-Forwarded-For), so the per-address limits let the fuzz reach the handlers.

const EMBED_HOST = 'https://host.example';

/** Unauthenticated paths with their hostile variants (already as they go on the wire). */
function anonymousPaths(): string[] {
  const code = 'A'.repeat(43);
  return [
    '/',
    '/security',
    '/admin/signing-keys',
    '/auth',
    '/auth/',
    '/auth/login',
    '/auth/login/',
    '/auth/login?returnTo=%2F%2Fevil.example',
    '/auth/login?returnTo=javascript%3Aalert(1)',
    `/auth/login?returnTo=${'x'.repeat(8000)}`,
    '/auth/login?screen_hint=signup&prompt=none&max_age=-1&login_hint=%00',
    '/auth/login?challengeMode=popup',
    '/auth/login?challengeMode=x&audience=https%3A%2F%2Fevil.example%2F&scope=openid%20admin',
    '/auth/login?connection=%3Cscript%3E&organization=org_x&invitation=x',
    '/auth/callback',
    '/auth/callback?state=',
    '/auth/callback?state=x&code=y',
    '/auth/callback?state=x&state=y&code=z',
    `/auth/callback?state=${'s'.repeat(5000)}&code=${'c'.repeat(5000)}`,
    '/auth/callback?error=access_denied&error_description=%3Cb%3Ex%3C%2Fb%3E&state=x',
    '/auth/callback?code=x&iss=https%3A%2F%2Fevil.example%2F&state=%E0%A4%A',
    '/auth/callback?state=%00&code=%00',
    '/auth/logout',
    '/auth/logout?returnTo=https%3A%2F%2Fevil.example',
    '/auth/logout?federated',
    '/auth/backchannel-logout',
    '/auth/profile',
    '/auth/access-token',
    '/auth/connect',
    '/auth/%',
    '/auth/..%2Fapi%2Ffactors',
    '/me/v1/authentication-methods',
    '/my-org/x',
    '/embed.js',
    '/embed.d.ts',
    '/embed/check',
    `/embed/check?host=${encodeURIComponent(EMBED_HOST)}`,
    '/embed/check?host=null',
    `/embed/check?host=${'h'.repeat(5000)}`,
    '/embed/check?host=%',
    '/embed/security',
    `/embed/security?host=${encodeURIComponent(EMBED_HOST)}&lang=de&sections=passkeys,x&login-hint=%00`,
    `/embed/security?host=javascript%3Ax&lang=%E0%A4%A&sections=${'x,'.repeat(2000)}`,
    '/embed/session',
    `/embed/session?code=${code}`,
    '/embed/return',
    '/embed/return?handoff=done&returnTo=%2F%2Fevil.example',
    '/embed/%',
    '/icon.svg',
    '/favicon.ico',
    '/robots.txt',
    '/.well-known/security.txt',
  ];
}

/** Bodies for the paths that take a POST from strangers, besides the shared list. */
function anonymousBodies(): Body[] {
  const form = 'application/x-www-form-urlencoded';
  const token = (t: string) => `logout_token=${encodeURIComponent(t)}`;
  const code = 'A'.repeat(43);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return [
    { label: 'logout token: empty', contentType: form, body: token('') },
    { label: 'logout token: garbage', contentType: form, body: token('a.b.c') },
    {
      label: 'logout token: alg none',
      contentType: form,
      body: token(`${b64({ alg: 'none' })}.${b64({ sub: 'x', events: {} })}.`),
    },
    {
      label: 'logout token: HS256 with kid',
      contentType: form,
      body: token(`${b64({ alg: 'HS256', kid: '../../etc/passwd' })}.${b64({})}.AAAA`),
    },
    {
      label: 'logout token: jku and x5u',
      contentType: form,
      body: token(
        `${b64({ alg: 'RS256', jku: 'https://evil.example/jwks', x5u: 'https://evil.example/c' })}.${b64({})}.AAAA`,
      ),
    },
    {
      label: 'logout token: header not JSON',
      contentType: form,
      body: token(`${Buffer.from('{').toString('base64url')}.e30.AAAA`),
    },
    { label: 'logout token: twice', contentType: form, body: `${token('a')}&${token('b')}` },
    { label: 'logout token: 17 KB', contentType: form, body: token('a'.repeat(17_000)) },
    { label: 'form: %-garbage', contentType: form, body: '%%%&&&==&%E0%A4%A' },
    {
      label: 'embed session: made-up code',
      contentType: form,
      body: `code=${code}&verifier=${code}&host=${encodeURIComponent(EMBED_HOST)}&returnTo=%2Fembed%2Fsecurity`,
    },
    {
      label: 'embed session: returnTo elsewhere',
      contentType: form,
      body: `code=${code}&verifier=${code}&host=x&returnTo=https%3A%2F%2Fevil.example%2F`,
    },
    {
      label: 'embed session: every field twice',
      contentType: form,
      body: `code=a&code=b&verifier=a&verifier=b&host=a&host=b&returnTo=a&returnTo=b`,
    },
    { label: 'embed session: 5 KB', contentType: form, body: `code=${'a'.repeat(5000)}` },
    { label: 'form as multipart', contentType: 'multipart/form-data', body: 'logout_token=x' },
    { label: 'no content type', body: 'logout_token=x' },
    { label: 'content type garbage', contentType: ';;;=', body: 'x' },
    { label: 'content type 5 KB', contentType: `text/plain; a=${'x'.repeat(5000)}`, body: 'x' },
  ];
}

/** Odd headers on their own (each case gets one set), beside the address every case has. */
const ANONYMOUS_HEADERS: (Record<string, string> | undefined)[] = [
  undefined,
  { 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'document' },
  { 'accept-language': 'x'.repeat(4000) },
  { 'accept-language': '*;q=NaN, de;q=2, zz-ZZ' },
  { origin: 'null' },
  { cookie: '__session=garbage; __txn_x=garbage; appSession=%' },
  { cookie: `__session=${'a'.repeat(3500)}` },
  { 'x-forwarded-for': 'not-an-ip, <script>, 999.1.1.1' },
  { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'gopher' },
  { host: 'evil.example' },
  { authorization: 'Bearer x' },
  { accept: 'application/json' },
  { 'content-length': '999999999' },
];

test('fuzz every unauthenticated path: no 5xx', async ({ launchApp }) => {
  test.setTimeout(900_000);
  const app = await launchApp({ EMBED_ALLOWED_ORIGINS: EMBED_HOST });
  const base = app.url;
  const paths = anonymousPaths();
  const posted = ['/auth/backchannel-logout', '/embed/session', '/auth/logout', '/auth/callback'];

  type Case = { method: string; path: string; body: Body; headers?: Record<string, string> };
  const noBody: Body = { label: 'no body', body: '' };
  const cases: Case[] = [];
  for (const path of paths) {
    // Every method where a handler of ours answers (the SDK's routes and the embed's), a few
    // elsewhere. An unknown method is refused by Node's parser, which closes the connection:
    // sent with Connection: close, so the next request is not written into the closed one.
    const ours = /^\/(auth|embed)/.test(path);
    for (const method of ours ? [...ALL_METHODS, ...ODD_METHODS] : ['GET', 'POST', 'FOO']) {
      const odd = ODD_METHODS.includes(method);
      cases.push({
        method,
        path,
        body: noBody,
        ...(odd ? { headers: { connection: 'close' } } : {}),
      });
    }
    // Odd headers where a handler of ours reads them.
    if (!ours) continue;
    for (const headers of ANONYMOUS_HEADERS)
      cases.push({ method: 'GET', path, body: noBody, headers });
  }
  for (const path of posted) {
    for (const body of [...bodies(), ...anonymousBodies()]) {
      cases.push({ method: 'POST', path, body, headers: { origin: base } });
    }
    for (const body of anonymousBodies()) {
      cases.push({ method: 'POST', path, body, headers: { origin: 'https://evil.example' } });
    }
    for (const headers of ANONYMOUS_HEADERS) {
      cases.push({
        method: 'POST',
        path,
        body: anonymousBodies()[9] ?? noBody,
        headers: { origin: base, ...headers },
      });
    }
  }

  const started = Date.now();
  const statuses: (number | string)[] = [];
  const findings: Findings = {
    fiveHundreds: [],
    missingHeaders: [],
    noAnswer: [],
    parserRefusals: [],
  };
  const { fiveHundreds, missingHeaders, noAnswer } = findings;
  for (const [i, c] of cases.entries()) {
    const address = `198.18.${(i >> 8) & 255}.${i & 255}`;
    const headers: Record<string, string> = { 'x-forwarded-for': address };
    if (c.body.contentType) headers['content-type'] = c.body.contentType;
    Object.assign(headers, c.headers);
    const lying = c.headers?.['content-length'] !== undefined;
    const sent = () =>
      send(base, c.path, {
        method: c.method,
        headers,
        body: c.body.body === '' ? undefined : c.body.body,
        timeoutMs: lying ? 1500 : 20_000,
      });
    let answer = await sent();
    // A kept-alive connection the server closed just before (after a request it refused or left
    // unread) fails the next request written into it: sent again once, on a fresh connection.
    if (answer.status === 0 && !lying) {
      headers.connection = 'close';
      answer = await sent();
    }
    if (lying && answer.status === 0) {
      statuses.push('waited for the declared body');
      continue;
    }
    statuses.push(answer.status);
    const finding = findingOf('anonymous', c, answer);
    classify(findings, answer, finding, c.path);
    // Said at once, so a run cut short still names what it found.
    if (answer.status >= 500 || answer.status === 0) console.log('anonymous fuzz finding', finding);
    if (i % 200 === 199) console.log(`anonymous fuzz: ${i + 1} of ${cases.length}`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const summary = `${cases.length} requests in ${seconds} s: ${JSON.stringify(tally(statuses))}`;
  test.info().annotations.push({ type: 'anonymous fuzz', description: summary });
  console.log(`anonymous fuzz: ${summary}`);

  expect.soft(fiveHundreds, '5xx answers').toEqual([]);
  expect.soft(noAnswer, 'requests without an HTTP answer').toEqual([]);
  expect.soft(missingHeaders, 'answers without our security headers').toEqual([]);
});
