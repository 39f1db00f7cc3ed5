import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { loadFigures, SERVER_LOG } from './figures';
import type {
  Cell,
  FloodFigures,
  FuzzFigures,
  LockoutFigures,
  MatrixFigures,
  RotationFigures,
  RunFigures,
  SessionRefreshFigures,
  SignInFloodFigures,
  UnwritableFigures,
  WriteAheadScenario,
} from './types';

// Renders what the specs measured into docs/reliability.md. Only a complete run (every section
// present) replaces the document; a partial run (`--grep`, one file) writes
// test-results/reliability/partial.md instead, so the committed figures always come from one run.

const DOC = join('docs', 'reliability.md');
const PARTIAL = join('test-results', 'reliability', 'partial.md');
const SECTIONS = [
  'lockouts-one',
  'lockouts-two',
  'fault-matrix',
  'fuzz',
  'flood',
  'sign-in-flood',
  'rotations',
  'session-refresh',
  'write-ahead-restart',
  'write-ahead-redis-killed',
  'write-ahead-unwritable',
];

/** The sign-in flood's reader pace, as its spec has it. */
const VICTIM_EVERY_MS_TEXT = '1.5 s';
const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mix = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => String(c)).join(' | ')} |`),
  ].join('\n');
}

function git(command: string): string | null {
  try {
    return execSync(`git ${command}`, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

function machine(): string {
  const cpus = os.cpus();
  const memory = Math.round((os.totalmem() / 1024 ** 3) * 10) / 10;
  return `${os.availableParallelism()} CPUs (\`nproc\`; ${cpus[0]?.model.trim() ?? 'unknown model'}), ${memory} GiB memory, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function revision(): string {
  const commit = process.env.RELIABILITY_COMMIT ?? git('rev-parse HEAD');
  if (!commit) return 'unknown (not a git checkout; set RELIABILITY_COMMIT)';
  const dirty = process.env.RELIABILITY_COMMIT ? '' : git('status --porcelain');
  return `\`${commit.slice(0, 12)}\`${dirty ? ' with uncommitted changes' : ''}`;
}

function serverLogSummary(): {
  errors: number;
  events: Record<string, number>;
  unhandled: number;
  samples: string[];
} {
  if (!existsSync(SERVER_LOG)) return { errors: 0, events: {}, unhandled: 0, samples: [] };
  const lines = readFileSync(SERVER_LOG, 'utf8').split('\n');
  const unhandled = lines.filter((l) => /unhandled_error|Unhandled|uncaught/i.test(l));
  const errors = lines.filter((l) => l.includes('"level":"error"'));
  const events: Record<string, number> = {};
  for (const l of errors) {
    const event = /"event":"([^"]+)"/.exec(l)?.[1] ?? 'unknown';
    events[event] = (events[event] ?? 0) + 1;
  }
  return {
    errors: errors.length,
    events,
    unhandled: unhandled.length,
    samples: [...new Set(unhandled.map((l) => l.slice(0, 200)))].slice(0, 5),
  };
}

const VERDICT_MARK: Record<Cell['verdict'], string> = {
  true: '✓',
  hedged: '~',
  UNTRUE: '✗',
  'n/a': '·',
  unmeasured: '?',
};

/**
 * Ops that need Redis when REDIS_URL is set: every signed-in one (the session lives there), and
 * besides a lock, a spent challenge or a rotation mark. Only starting a sign-in does not.
 */
const NEEDS_REDIS = /^(?!sign-in)/;

type Failure = { what: string; figure: string; reproduce: string };

export function renderReport(): { markdown: string; complete: boolean } {
  const f = loadFigures();
  const now = Date.now();
  const run = (f.run as RunFigures | undefined) ?? {
    startedAt: now,
    endedAt: now,
    loadAtStart: '?',
    loadAtEnd: '?',
  };
  const complete = SECTIONS.every((s) => s in f);
  const lockouts = [
    ...((f['lockouts-one'] as LockoutFigures | undefined)?.conditions ?? []),
    ...((f['lockouts-two'] as LockoutFigures | undefined)?.conditions ?? []),
  ];
  const lockoutSettings = (f['lockouts-one'] ?? f['lockouts-two']) as LockoutFigures | undefined;
  const matrix = f['fault-matrix'] as MatrixFigures | undefined;
  const fuzz = f.fuzz as FuzzFigures | undefined;
  const flood = f.flood as FloodFigures | undefined;
  const signInFlood = f['sign-in-flood'] as SignInFloodFigures | undefined;
  const rotations = f.rotations as RotationFigures | undefined;
  const refresh = f['session-refresh'] as SessionRefreshFigures | undefined;
  const writeAhead = ['write-ahead-restart', 'write-ahead-redis-killed']
    .map((k) => f[k] as WriteAheadScenario | undefined)
    .filter((x): x is WriteAheadScenario => x !== undefined);
  const unwritable = (f['write-ahead-unwritable'] as UnwritableFigures | undefined)?.cases;
  const log = serverLogSummary();
  const failures: Failure[] = [];
  const out: string[] = [];
  const minutes = (run.endedAt - run.startedAt) / 60_000;

  out.push(
    '# Reliability figures',
    '',
    'Measured by the reliability suite (`reliability/`, issue 11 item 8) against real processes: the local',
    'Auth0-compatible tenant (a child process, faults injected through its `/_local/*` test controls),',
    'production builds of Keyward (`next start`, one to three instances), and a real `redis-server`;',
    'Chromium with a CDP virtual authenticator for sign-in and WebAuthn ceremonies. Nothing is mocked.',
    'The upstream truth is read from the tenant’s own Management API with the M2M client, never',
    'through Keyward. This file is written by the run; edit the suite, not the figures.',
    '',
    `- **Reproduce:** \`npm run test:reliability\` (runs \`next build\`, then \`playwright test -c playwright.reliability.config.ts\`; \`RELIABILITY_SKIP_BUILD=1\` reuses an existing build). Server output goes to \`test-results/reliability/servers.log\`.`,
    `- **Date:** ${new Date(run.endedAt).toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- **Machine:** ${machine()}`,
    `- **Revision:** ${revision()}`,
    `- **Run time:** ${minutes.toFixed(1)} min for the Playwright run (the build before it not included)`,
    `- **Machine load:** 1-minute load average ${run.loadAtStart} at the start and ${run.loadAtEnd} at the end (other work on the machine shares its ${os.availableParallelism()} CPUs and stretches the times)`,
    '',
  );

  // ---- a. lockouts
  const slow = lockouts.filter((c) => c.key.endsWith('slow'));
  for (const c of lockouts) {
    if (c.lockouts > 0) {
      failures.push({
        what: `Lockouts: ${c.title}`,
        figure: `${c.lockouts} of ${c.trials} trials left bob without a passkey`,
        reproduce: `npx playwright test -c playwright.reliability.config.ts lockouts (trial details in test-results/reliability/figures/lockouts-*.json)`,
      });
    }
    if (c.untrueAnswers > 0) {
      failures.push({
        what: `Removal answers contradicted by the tenant: ${c.title}`,
        figure: `${c.untrueAnswers} answers`,
        reproduce: 'npx playwright test -c playwright.reliability.config.ts lockouts',
      });
    }
  }

  // ---- b. matrix
  const cells = matrix?.cells ?? [];
  const untrue = cells.filter((c) => c.verdict === 'UNTRUE');
  const unmeasured = cells.filter((c) => c.verdict === 'unmeasured');
  const hedged = cells.filter((c) => c.verdict === 'hedged');
  const lost = cells.filter((c) => c.lost);
  const matrix500 = cells.filter((c) => c.status === 500 || c.status === 0);
  const redisNeeded = cells.filter((c) => c.fault === 'redis down' && NEEDS_REDIS.test(c.op));
  // 503 with Retry-After, and the tenant shows nothing happened (a true "not done" answer).
  const redisBad = redisNeeded.filter(
    (c) => c.status !== 503 || !c.retryAfter || c.verdict !== 'true',
  );
  const noRetryAfter = cells.filter((c) => (c.status === 503 || c.status === 429) && !c.retryAfter);
  for (const c of untrue) {
    failures.push({
      what: `Untrue answer: ${c.op} × ${c.fault}`,
      figure: `Keyward answered ${c.status}${c.code ? ` ${c.code}` : ''} (${c.claim}); the tenant afterwards: ${c.upstream}${c.note ? `. Message: “${c.note}”` : ''}`,
      reproduce: reproduceCell(c, matrix),
    });
  }
  for (const c of lost) {
    failures.push({
      what: `Something lost: ${c.op} × ${c.fault}`,
      figure: c.lost ?? '',
      reproduce: reproduceCell(c, matrix),
    });
  }
  for (const c of matrix500) {
    failures.push({
      what: `5xx bug: ${c.op} × ${c.fault}`,
      figure: `${c.status} ${c.code ?? ''}`,
      reproduce: reproduceCell(c, matrix),
    });
  }
  for (const c of noRetryAfter) {
    failures.push({
      what: `${c.status} without Retry-After: ${c.op} × ${c.fault}`,
      figure: `${c.status} ${c.code ?? ''}`,
      reproduce: reproduceCell(c, matrix),
    });
  }

  // ---- c. fuzz, d. flood, e. rotations
  const fuzz5xx = fuzz?.fiveHundreds.length ?? 0;
  const names = fuzz?.names ?? [];
  for (const n of names.filter((x) => !x.ok)) {
    failures.push({
      what: `Name ${n.expect === 'refused' ? 'not refused' : 'not kept'}: ${n.label}`,
      figure: `${n.status} ${n.message}; stored: ${JSON.stringify(n.stored)}`,
      reproduce: `PATCH /api/factors/:id {"name": …} as alice; npx playwright test -c playwright.reliability.config.ts fuzz`,
    });
  }
  for (const x of fuzz?.fiveHundreds ?? []) {
    failures.push({
      what: `Fuzz 5xx: ${x.method} ${x.path}`,
      figure: `${x.status} ${x.code ?? ''} (${x.auth}, ${x.body})`,
      reproduce: `curl -i -X ${x.method} 'http://localhost:3000${x.path}' (signed in as ${x.auth})`,
    });
  }
  for (const v of flood?.variants ?? []) {
    if (v.victim.successRate < 0.99) {
      failures.push({
        what: `Flood: second user's loads (${v.title})`,
        figure: `${pct(v.victim.successRate)} (${v.victim.ok}/${v.victim.loads}); failures: ${v.victim.failures.map((x) => `${x.what} ${x.status} ${x.code ?? ''}`).join(', ')}`,
        reproduce: 'npx playwright test -c playwright.reliability.config.ts flood',
      });
    }
    if (v.flooder.tooMany === 0) {
      failures.push({
        what: `Flood: the flooder got no 429 (${v.title})`,
        figure: mix(v.flooder.byStatus),
        reproduce: 'npx playwright test -c playwright.reliability.config.ts flood',
      });
    }
  }
  if (signInFlood && signInFlood.victim.successRate < 0.99) {
    failures.push({
      what: "Sign-in flood: second user's page loads",
      figure: `${pct(signInFlood.victim.successRate)} (${signInFlood.victim.ok}/${signInFlood.victim.loads}); failures: ${signInFlood.victim.failures.map((x) => `${x.status} ${x.what}`).join(', ')}`,
      reproduce: 'npx playwright test -c playwright.reliability.config.ts sign-in-flood',
    });
  }
  for (const r of rotations?.results ?? []) {
    if (r.rotationsSeen !== 1 || r.currentKeySteps !== 1) {
      failures.push({
        what: `Concurrent ${r.action} (${r.setup})`,
        figure: `${r.rotationsSeen} rotations reached the tenant`,
        reproduce: 'npx playwright test -c playwright.reliability.config.ts rotations',
      });
    }
  }

  // ---- g. write-ahead
  for (const w of writeAhead) {
    if (w.lockouts > 0 || w.untrueAnswers > 0 || w.insideWindow < w.wanted) {
      failures.push({
        what: `Write-ahead: ${w.title}`,
        figure: `${w.lockouts} lockouts, ${w.untrueAnswers} untrue answers, ${w.insideWindow} of ${w.trials} trials inside the pending window`,
        reproduce: `npx playwright test -c playwright.reliability.config.ts write-ahead -g '${w.key === 'restart' ? 'restart' : 'Redis killed'}' (trial details in test-results/reliability/figures/write-ahead-${w.key}.json)`,
      });
    }
  }
  for (const c of (unwritable ?? []).filter((x) => !x.ok)) {
    failures.push({
      what: `Store unwritable before a DELETE: ${c.title}`,
      figure: `answers ${mix(c.answers)}; ${c.upstreamDeletes} DELETEs reached the tenant; ${c.changed} trials changed bob’s methods`,
      reproduce: `${c.how}; npx playwright test -c playwright.reliability.config.ts write-ahead -g unwritable`,
    });
  }

  // ---- goals
  const minVictim = Math.min(...(flood?.variants ?? []).map((v) => v.victim.successRate));
  out.push('## Goals (issues 11 and 20, “Done when”)', '');
  out.push(
    table(
      ['goal', 'measured', 'met'],
      [
        ...slow.map((c) => [
          `0 lockouts in ${c.trials} trials, DELETE slower than the client timeout, ${c.redis ? 'two instances with Redis' : 'one instance'}`,
          `${c.lockouts} lockouts`,
          yes(c.lockouts === 0),
        ]),
        [
          'Fault matrix: every answer tells the truth',
          `${untrue.length} untrue of ${cells.length} cells (${hedged.length} hedged “not confirmed yet”, ${unmeasured.length} not measurable here)`,
          yes(untrue.length === 0),
        ],
        [
          'Fault matrix: nothing lost',
          `${lost.length} cells lost something`,
          yes(lost.length === 0),
        ],
        [
          '0 × 500 across the fault matrix and the fuzz pass',
          `${matrix500.length} in the matrix, ${fuzz5xx} 5xx in ${fuzz?.requests ?? 0} fuzz requests`,
          yes(matrix500.length === 0 && fuzz5xx === 0),
        ],
        [
          'Redis down: 503 with Retry-After where Redis is needed, nothing stored',
          `${redisNeeded.length - redisBad.length} of ${redisNeeded.length} operations`,
          yes(redisNeeded.length > 0 && redisBad.length === 0),
        ],
        [
          'Second user’s page loads ≥ 99 % while a first user floods',
          (flood?.variants ?? [])
            .map((v) => `${pct(v.victim.successRate)} (${v.title})`)
            .join('; '),
          yes(flood !== undefined && minVictim >= 0.99),
        ],
        [
          'Second user’s page loads ≥ 99 % while a first user signs in over and over (Free-plan budget, 2/s)',
          signInFlood
            ? `${pct(signInFlood.victim.successRate)} (${signInFlood.victim.ok}/${signInFlood.victim.loads}; the flooder signed in ${signInFlood.flooder.signedIn} times)`
            : 'not run',
          yes(signInFlood !== undefined && signInFlood.victim.successRate >= 0.99),
        ],
        [
          'The flooder gets 429s',
          (flood?.variants ?? []).map((v) => `${v.flooder.tooMany}`).join(', '),
          yes(flood?.variants.every((v) => v.flooder.tooMany > 0) === true),
        ],
        [
          'Names with bidi overrides or control characters refused with a clear message; emoji and CJK kept',
          `${names.filter((n) => n.ok).length} of ${names.length} names as expected`,
          yes(names.length > 0 && names.every((n) => n.ok)),
        ],
        ...writeAhead.map((w) => [
          `0 lockouts and 0 untrue answers in ${w.wanted} trials: ${w.title}`,
          `${w.lockouts} lockouts, ${w.untrueAnswers} untrue answers in ${w.trials} trials (A still in flight when B was decided in ${w.insideWindow})`,
          yes(w.lockouts === 0 && w.untrueAnswers === 0 && w.insideWindow >= w.wanted),
        ]),
        [
          'The store unwritable before a DELETE: 503, and nothing sent',
          unwritable
            ? `${unwritable.filter((c) => c.ok).length} of ${unwritable.length} cases; ${unwritable.reduce((n, c) => n + c.upstreamDeletes, 0)} DELETEs reached the tenant in ${unwritable.reduce((n, c) => n + c.trials, 0)} tries`
            : 'not run',
          yes(unwritable !== undefined && unwritable.length > 0 && unwritable.every((c) => c.ok)),
        ],
        ...(rotations?.results ?? [])
          .filter((r) => r.action === 'rotate')
          .map((r) => [
            `${rotations?.concurrent} concurrent rotations make 1 rotation (${r.setup})`,
            `${r.rotationsSeen}`,
            yes(r.rotationsSeen === 1),
          ]),
      ],
    ),
    '',
  );

  // ---- a
  out.push(
    '## a. Lockouts in concurrent removals',
    '',
    `Bob signs in with two passkeys and nothing else. Each trial puts the tenant back to the seed and fires one \`DELETE /api/factors/:id\` for each of his passkeys, the second ${lockoutSettings?.offsetsMs.join(' / ')} ms after the first with slow DELETEs (in turn: at once; while the first holds the lock with its DELETE in flight; just after Keyward answered it; just before the tenant carries it out), or ${lockoutSettings?.offsetsWithoutFaultMs.join(' / ')} ms without a fault (a removal then takes tens of milliseconds). With two instances the two requests go to different instances. “Slow” injects ${lockoutSettings?.latencyMs} ms of latency on the tenant’s \`DELETE /api/v2/users/:id/authentication-methods/:method_id\` with \`AUTH0_WRITE_TIMEOUT_MS=${lockoutSettings?.writeTimeoutMs}\`, so every upstream DELETE outlives Keyward’s wait and lands later. After the answers, the suite waits until every DELETE the tenant received has landed (or the latency has passed), then reads bob’s methods from the tenant. A lockout is bob left with no passkey. An untrue answer is a 200/404 for a passkey that is still there, or a refusal for one that is gone. The per-user removal limit (30 a minute) is reset between trials by restarting the single instance, or by deleting the limit counters in Redis.`,
    '',
    table(
      [
        'condition',
        'trials',
        'lockouts',
        'answers',
        'upstream DELETEs',
        'landed after Keyward answered 202',
        'untrue answers',
        'time',
      ],
      lockouts.map((c) => [
        c.title,
        c.trials,
        `**${c.lockouts}**`,
        mix(c.codes),
        c.upstreamDeletes,
        c.landedAfterAnswer,
        c.untrueAnswers,
        `${c.seconds} s`,
      ]),
    ),
    '',
  );
  const bad = lockouts.flatMap((c) => c.badTrials.map((t) => ({ c, t })));
  if (bad.length > 0) {
    out.push('Trials with a lockout or an untrue answer (first 20 per condition):', '');
    out.push(
      table(
        ['condition', 'trial', 'offset', 'answers', 'passkeys left', 'problems'],
        bad.map(({ c, t }) => [
          c.title,
          t.trial,
          `${t.offsetMs} ms`,
          t.answers.map((a) => `${a.status}${a.code ? ` ${a.code}` : ''}`).join(', '),
          t.remaining.length,
          esc(t.untrue.join('; ') || (t.lockout ? 'lockout' : '')),
        ]),
      ),
      '',
    );
  }

  // ---- b
  if (matrix) {
    out.push(
      '## b. Fault matrix',
      '',
      `One Keyward instance with \`REDIS_URL\` (a real redis-server), \`AUTH0_WRITE_TIMEOUT_MS=${matrix.writeTimeoutMs}\`, \`AUTH0_READ_TIMEOUT_MS=${matrix.readTimeoutMs}\`. Each cell starts from the seed with Keyward’s state in Redis emptied (sessions kept), injects one fault on the upstream route the operation depends on, sends the request, clears the fault, waits until a delayed write has landed (or its latency has passed), and compares the answer with the tenant’s state. Faults: **429/500/503** = the tenant answers that status without doing anything; **latency** = the tenant waits longer than Keyward’s timeout (${matrix.writeTimeoutMs + 500} ms for writes, ${matrix.readTimeoutMs + 500} ms for the list, ${matrix.sdkHttpTimeoutMs + 1000} ms where nextjs-auth0’s own ${matrix.sdkHttpTimeoutMs} ms timeout applies: sign-in discovery and My Account passkey verify), then carries the request out; **reset** = the tenant drops the connection without doing anything; **tenant down** = the tenant process is killed (SIGKILL) during the request and started again afterwards on the same port and database; **redis down** = the redis-server (persistent: an append-only file written on every command, as in production) is killed during the request and started again afterwards with its data; Keyward keeps its sessions there too.`,
      '',
      'Marks: ✓ the answer matched what happened; ~ hedged (202 “not confirmed yet”, or 503 `outcome_unknown` / `revoke_unconfirmed_after_rotate`: honest while the outcome is unknown; the upstream column shows how it turned out); ✗ untrue (a success for a write that did not happen, or a failure for one that did); ? not measurable with the local tenant (see the notes); · no write involved.',
      '',
    );
    const ops = matrix.ops.map((o) => o.name);
    out.push(
      table(
        ['operation', ...matrix.faults],
        ops.map((op) => [
          op,
          ...matrix.faults.map((fault) => {
            const c = cells.find((x) => x.op === op && x.fault === fault);
            if (!c) return '';
            return `${c.status}${c.code ? ` ${c.code}` : ''} ${VERDICT_MARK[c.verdict]}${c.lost ? ' **lost**' : ''}`;
          }),
        ]),
      ),
      '',
      'Every cell:',
      '',
      table(
        [
          'operation',
          'fault',
          'Keyward answered',
          'Retry-After',
          'time',
          'the answer said',
          'the tenant afterwards',
          'verdict',
          'lost',
        ],
        cells.map((c) => [
          c.op,
          c.fault,
          `${c.status}${c.code ? ` ${code(c.code)}` : ''}`,
          c.retryAfter ?? '—',
          `${c.ms} ms`,
          c.claim,
          esc(c.upstream),
          c.verdict,
          c.lost ? `**${esc(c.lost)}**` : 'nothing',
        ]),
      ),
      '',
      'Upstream routes faulted per operation: ' +
        matrix.ops.map((o) => `${o.name}: ${o.routes.map(code).join(', ')}`).join('; ') +
        '.',
      '',
    );
  }

  // ---- c
  if (fuzz) {
    out.push(
      '## c. Fuzz pass',
      '',
      `Routes found on disk under \`app/api\`: ${fuzz.routes.map((r) => `${code(r.template)} (${r.methods.join(', ')})`).join(', ')}. Each was sent hostile path segments (\`%\`, \`%E0%A4%A\`, \`%00\`, \`%ZZ\`, \`..%2F\`, double encoding, 5 000 characters, emoji, another user’s method id), every standard method plus PROPFIND and an unknown one, signed in (alice; admin on admin routes), signed out and without Origin; every route that takes a body got ${fuzz.bodiesPerRoute} bodies (no body, empty, truncated and non-object JSON, wrong content types, invalid UTF-8, 2 MB, 7 000 and 200 000 nested arrays, \`__proto__\`, names with bidi overrides, zero-width only, control characters, NUL, lone surrogates, 10 000 characters, emoji, CJK, wrong types, forged WebAuthn responses) and odd headers (invalid Idempotency-Key, 8 KB X-Request-Id, Origin null, a lying Content-Length). A dozen malformed paths outside \`/api\` too. The per-user and per-IP limits are reset every 5 requests so the requests reach the parsers.`,
      '',
      table(
        [
          'requests',
          'by status',
          'by caller',
          '5xx',
          'no HTTP answer',
          'without our headers',
          'refused by Node’s parser (bare 400)',
          "bob's methods (another user) before → after",
          'time',
        ],
        [
          [
            fuzz.requests,
            mix(fuzz.byStatus),
            mix(fuzz.byAuth),
            `**${fuzz.fiveHundreds.length}**`,
            fuzz.noAnswer.length,
            fuzz.missingHeaders.length,
            fuzz.parserRefusals,
            `${fuzz.otherUsersData.before} → ${fuzz.otherUsersData.after}`,
            `${fuzz.seconds} s`,
          ],
        ],
      ),
      '',
    );
    const listed = [...fuzz.fiveHundreds, ...fuzz.noAnswer, ...fuzz.missingHeaders];
    if (listed.length > 0) {
      out.push(
        table(
          ['caller', 'method', 'path', 'body', 'status', 'code'],
          listed.map((x) => [x.auth, x.method, code(x.path), esc(x.body), x.status, x.code ?? '']),
        ),
        '',
      );
    } else {
      out.push('No 5xx, no dropped connection, and every answer carried our security headers.', '');
    }
    out.push(
      'Names, each sent as a rename of alice’s security key, and what the tenant holds afterwards:',
      '',
      table(
        ['name', 'expected', 'Keyward answered', 'message', 'the tenant holds', 'as expected'],
        fuzz.names.map((n) => [
          n.label,
          n.expect,
          n.status,
          esc(n.message) || '—',
          n.stored === null ? '—' : code(JSON.stringify(n.stored)),
          yes(n.ok),
        ]),
      ),
      '',
      `Slowest answers: ${fuzz.slowest.map((s) => `${s.ms} ms ${code(s.what)}`).join('; ')}.`,
      '',
    );
  }

  // ---- d
  if (flood) {
    out.push(
      '## d. One user flooding, another loading their page',
      '',
      `Tenant Management API limited to ${flood.tenantPerSecond} requests/s (\`POST /_local/rate-limit\`), Keyward started with \`AUTH0_MGMT_RPS=${flood.mgmtRps}\`. Alice floods for ~15 s from ${flood.loops} concurrent loops (each waits for its answer; \`GET /api/factors\`, \`DELETE\` of made-up ids, both options routes, cookies kept up to date), or in bursts that do not wait. Bob loads \`/security\` and \`GET /api/factors\` in turn every 500 ms; a page load succeeds when it is a 200 that shows his methods (not the “couldn’t load” panel), a list load when it is a 200. Each variant starts on a freshly started instance.`,
      '',
      table(
        [
          'variant',
          'addresses',
          'bob: loads ok',
          'success rate',
          'bob: p95 time',
          'alice: requests',
          'alice: answers',
          'alice: 429s',
          'Management API requests the tenant got',
        ],
        flood.variants.map((v) => [
          v.title,
          v.addresses,
          `${v.victim.ok}/${v.victim.loads}`,
          `**${pct(v.victim.successRate)}**`,
          `${v.victim.p95Ms} ms`,
          v.flooder.requests,
          mix(v.flooder.byCode),
          v.flooder.tooMany,
          `${v.managementRequests} (${v.managementPerSecond}/s)`,
        ]),
      ),
      '',
    );
    const failed = flood.variants.flatMap((v) =>
      v.victim.failures.map((x) => `${v.title}: ${x.what} ${x.status} ${x.code ?? ''}`),
    );
    if (failed.length > 0) out.push(`Bob’s failed loads: ${failed.join('; ')}.`, '');
  }

  // ---- d2
  if (signInFlood) {
    const s = signInFlood;
    out.push(
      '## d2. One user signing in over and over, another loading their page',
      '',
      `Auth0’s Free-plan budget: the tenant allows ${s.tenantPerSecond} Management requests/s with a burst of ${s.tenantBurst} (\`POST /_local/rate-limit\`), Keyward runs with \`AUTH0_MGMT_RPS=${s.mgmtRps}\`. For ~${Math.round(s.seconds)} s alice signs in from ${s.loops} concurrent loops, as a script would: \`/auth/login\`, the tenant (which remembers her, so no form), \`/auth/callback\`, whose account read is a Management call charged to her; each loop starts again at once (50 ms after a refusal). Bob loads \`/security\` every ${VICTIM_EVERY_MS_TEXT}, two Management calls a load (his methods and his sessions); a load succeeds when it is a 200 that shows both lists. Alice at X-Forwarded-For 203.0.113.7, bob at 198.51.100.9.`,
      '',
      table(
        [
          'bob: loads ok',
          'success rate',
          'bob: p50 / p95 time',
          'alice: sign-ins tried',
          'alice: outcomes',
          'alice: 429s',
          'alice: sign-in p50 / p95',
          'Management API requests the tenant got',
        ],
        [
          [
            `${s.victim.ok}/${s.victim.loads}`,
            `**${pct(s.victim.successRate)}**`,
            `${s.victim.p50Ms} / ${s.victim.p95Ms} ms`,
            s.flooder.rounds,
            mix(s.flooder.outcomes),
            s.flooder.tooMany,
            `${s.flooder.signInP50Ms} / ${s.flooder.signInP95Ms} ms`,
            `${s.managementRequests} (${Math.round((s.managementRequests / s.seconds) * 10) / 10}/s; ${s.accountReads} account reads, ${s.callbacks} code exchanges)`,
          ],
        ],
      ),
      '',
    );
    if (s.victim.failures.length > 0)
      out.push(
        `Bob’s failed loads: ${s.victim.failures.map((x) => `${x.status} ${x.what}`).join('; ')}.`,
        '',
      );
  }

  // ---- e
  if (rotations) {
    out.push(
      '## e. Concurrent rotations',
      '',
      `${rotations.concurrent} concurrent requests by one admin, spread over the instances; the tenant’s keys reset before each row.`,
      '',
      table(
        [
          'action',
          'instances',
          'answers',
          'rotations the tenant saw',
          'revocations the tenant saw',
          'current key moved',
        ],
        rotations.results.map((r) => [
          r.action,
          r.setup,
          mix(r.statuses),
          `**${r.rotationsSeen}**`,
          r.revocationsSeen,
          r.currentKeySteps === 1 ? 'one step' : `${r.currentKeySteps} steps`,
        ]),
      ),
      '',
    );
  }

  // ---- f
  if (refresh) {
    out.push(
      '## f. Two requests at once in one session',
      '',
      'Alice signs in afresh, then sends two `POST /api/passkeys/options` at once (a double click, two tabs); both need the My Account token, which nextjs-auth0 gets with the session’s refresh token. Then one more on its own.',
      '',
      table(
        ['round', 'the two answers', 'then one more', 'message'],
        refresh.rounds.map((r, i) => [
          i + 1,
          r.answers.join(', '),
          r.thenOne,
          esc(r.message ?? '—'),
        ]),
      ),
      '',
    );
    if (refresh.spuriousReauth > 0) {
      failures.push({
        what: 'A person who just signed in is told to sign in again (two passkey starts at once)',
        figure: `${refresh.spuriousReauth} of ${refresh.rounds.length * 2} answers were 401 reauth_required`,
        reproduce:
          'sign in, then send two POST /api/passkeys/options at once with the same session; npx playwright test -c playwright.reliability.config.ts session-refresh',
      });
    }
  }

  // ---- g
  if (writeAhead.length > 0 || unwritable) {
    out.push(
      '## g. Write-ahead removals: a restart, a dead Redis, an unwritable store',
      '',
      'Before Keyward sends a DELETE for a sign-in method it records the intent (KEYWARD_DATA_DIR/state.sqlite, or Redis with `REDIS_URL`); until a read settles it, every later removal check counts the method as gone (issue 20). Each trial puts the tenant back to the seed and slows only the next upstream DELETE, by more than Keyward waits (`AUTH0_WRITE_TIMEOUT_MS`), so removal A is answered 202 “not confirmed yet” (or not at all) and lands later. Then the app or its store is taken away, and bob asks to remove his other passkey, B. A lockout is bob left with no passkey once every DELETE has landed; an untrue answer is a 200/404 for a passkey still there or a refusal for one that is gone (202, and no answer at all, claim nothing). “Inside the window” counts the trials in which A was still in flight at the tenant when B was decided: the trials that test the record rather than a fresh read. A trial that missed it (on a loaded machine A can land before B is decided) is run again, up to half as many trials more; its answers are judged all the same.',
      '',
      '- **Restart:** one instance, no Redis. Even trials: SIGKILL after Keyward answered A; odd trials: SIGKILL while Keyward still waits for A’s DELETE (the client gets no answer). The instance is started again with the same data folder, then B is asked for.',
      '- **Redis killed:** two instances sharing a redis-server that keeps an append-only file (as a production Redis does). A goes to instance 1; Redis is killed while Keyward waits for A’s DELETE; B goes to instance 2 while Redis is down, and again once Redis is back (asked again every 0.5 s while the answer is 503, for up to 15 s). The per-user limits, locks and intents of the last trial are deleted from Redis between trials (sessions kept).',
      '',
    );
    if (writeAhead.length > 0) {
      out.push(
        table(
          [
            'scenario',
            'fault',
            'trials',
            'lockouts',
            'untrue answers',
            'inside the window',
            'answers',
            'upstream DELETEs',
            'time',
          ],
          writeAhead.map((w) => [
            w.title,
            esc(w.fault),
            w.trials,
            `**${w.lockouts}**`,
            `**${w.untrueAnswers}**`,
            `${w.insideWindow} of ${w.trials}`,
            esc(mix(w.codes)),
            w.upstreamDeletes,
            `${w.seconds} s`,
          ]),
        ),
        '',
      );
      const badTrials = writeAhead.flatMap((w) => w.badTrials.map((t) => ({ w, t })));
      if (badTrials.length > 0) {
        out.push(
          table(
            ['scenario', 'trial', 'variant', 'answers', 'passkeys left', 'problems'],
            badTrials.map(({ w, t }) => [
              w.title,
              t.trial,
              esc(t.variant),
              esc(t.answers.map((a) => `${a.step}: ${a.status} ${a.code ?? ''}`).join('; ')),
              t.remaining.length,
              esc(t.untrue.join('; ') || (t.lockout ? 'lockout' : '')),
            ]),
          ),
          '',
        );
      }
    }
    if (unwritable) {
      out.push(
        'The store unwritable before a DELETE: bob has two passkeys, the store cannot record the intent, and bob asks to remove one. Keyward must answer 503 and send nothing; the tenant counts every request it receives (`GET /_local/stats`). File and folder cases break the store of an instance without Redis (`chattr +i` when the suite runs as root, whom file modes do not bind; read-only modes otherwise); the Redis cases use a second instance with `REDIS_URL`.',
        '',
        table(
          [
            'case',
            'how',
            'tries',
            'answers',
            'DELETEs the tenant received',
            'bob’s methods changed',
            'as required',
            'time',
          ],
          unwritable.map((c) => [
            c.title,
            esc(c.how),
            c.trials,
            mix(c.answers),
            `**${c.upstreamDeletes}**`,
            c.changed,
            yes(c.ok),
            `${c.seconds} s`,
          ]),
        ),
        '',
      );
    }
  }

  // ---- server log
  out.push(
    '## Server log',
    '',
    `Across every app instance and the tenant during the run: ${log.errors} lines logged at level \`error\`${log.errors > 0 ? ` (${mix(log.events)})` : ''}, ${log.unhandled} mentioning an unhandled error.${log.samples.length > 0 ? ` Samples: ${log.samples.map(code).join('; ')}` : ''}`,
    '',
  );

  // ---- notes
  out.push('## What failed a goal, and other defects the run found', '');
  if (failures.length === 0) out.push('Nothing: every goal above was met in this run.', '');
  else {
    out.push(
      table(
        ['what', 'figure', 'reproduce'],
        failures.map((x) => [esc(x.what), esc(x.figure), esc(x.reproduce)]),
      ),
      '',
    );
  }
  out.push(
    '## Limits of these measurements',
    '',
    '- The local tenant applies a latency fault before it reads the request body. When Keyward stops waiting and closes the connection, a delayed write *with a body* (rename, adding a security key, My Account passkey verify) then fails to read and is never carried out, where Auth0, already holding the whole request, would carry it out. Those cells are marked “?”: they show that Keyward answered an error, not whether that error would be true against Auth0. Delayed writes without a body (DELETE of a method, rotate, revoke) are carried out, and are measured.',
    '- A **reset** or **503** from the local tenant never carries the request out, so a hedged answer there (“not confirmed yet”) turns out to be “not done”. Keyward cannot tell a gateway’s 503 or a dropped connection from one after which Auth0 acted, so hedging is the honest answer; the cells show the cost (bob cannot remove his other passkey until the pending removal settles, up to 2 minutes).',
    '- Trials run one after another on a 2-CPU machine shared by the tenant, the app instances, redis-server and Chromium; timings are indicative only.',
    '',
  );
  return { markdown: `${out.join('\n')}\n`, complete };
}

function reproduceCell(c: Cell, matrix: MatrixFigures | undefined): string {
  const op = matrix?.ops.find((o) => o.name === c.op);
  const routes = op?.routes.join(', ') ?? '';
  const fault =
    c.fault === 'latency'
      ? `POST /_local/faults {route: '${routes}', latencyMs: ${matrix?.latencies[c.op] ?? '?'}}`
      : c.fault === 'reset'
        ? `POST /_local/faults {route: '${routes}', reset: true}`
        : c.fault === 'tenant down'
          ? 'stop the tenant process'
          : c.fault === 'redis down'
            ? 'stop redis-server'
            : `POST /_local/faults {route: '${routes}', status: ${c.fault}}`;
  return `Keyward with REDIS_URL, AUTH0_WRITE_TIMEOUT_MS=${matrix?.writeTimeoutMs}; ${fault}; then ${c.op}; npx playwright test -c playwright.reliability.config.ts fault-matrix`;
}

export function writeReport(): void {
  const { markdown, complete } = renderReport();
  if (complete && process.env.RELIABILITY_WRITE_DOC !== '0') {
    writeFileSync(DOC, markdown);
    console.log(`reliability: figures written to ${DOC}`);
  } else {
    mkdirSync(dirname(PARTIAL), { recursive: true });
    writeFileSync(PARTIAL, markdown);
    console.log(`reliability: partial run, figures written to ${PARTIAL} (${DOC} unchanged)`);
  }
}
