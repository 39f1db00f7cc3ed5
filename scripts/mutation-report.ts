// docs/mutation.md from the mutation run's results (reports/stryker-incremental.json, which
// scripts/mutation.ts keeps for the whole scope) and the committed reasons for the survivors
// (test/mutation/survivor-reasons.json). `npm run test:mutation -- --report-only` rewrites the page;
// it exits non-zero while a survivor has no valid reason.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { transform } from 'esbuild';

type Mutant = {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  static?: boolean;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
};
type Results = { files: Record<string, { source: string; mutants: Mutant[] }> };
type Runs = Record<
  string,
  {
    at: string;
    commit: string;
    seconds: number;
    files?: number;
    concurrency: number;
    tests?: string[];
  }
>;
/** file → mutant key (see mutantKey) → reason. */
type Reasons = Record<string, Record<string, string>>;

const RESULTS = 'reports/stryker-incremental.json';
const RUNS = 'reports/mutation-runs.json';
const REASONS = 'test/mutation/survivor-reasons.json';
const DOC = 'docs/mutation.md';

/**
 * The kinds of reason a survivor may have. A survivor a test should kill has none: it gets a test.
 * "Not covered" is no reason (a test that reaches the code is missing).
 */
export const REASON_KINDS = ['Equivalent', 'Unreachable', 'Logging'] as const;

export function reasonProblem(reason: string | undefined): string | null {
  if (!reason) return 'UNEXPLAINED';
  const match = /^([A-Za-z]+): (.{15,})$/s.exec(reason.trim());
  if (!match || !(REASON_KINDS as readonly string[]).includes(match[1] ?? ''))
    return `INVALID REASON (must be ${REASON_KINDS.map((k) => `"${k}: <argument>"`).join(', ')})`;
  if (/not covered|no coverage|untested|no test/i.test(match[2] ?? ''))
    return 'INVALID REASON ("not covered" is no reason)';
  return null;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const shorten = (text: string, max = 70) =>
  text.length <= max ? text : `${text.slice(0, 40)} … ${text.slice(-(max - 43))}`;

/** The code a mutant replaces (from its location in the file's source). */
export function originalOf(source: string, m: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  if (start.line === end.line)
    return lines[start.line - 1]?.slice(start.column - 1, end.column - 1) ?? '';
  const middle = lines.slice(start.line, end.line - 1);
  return [
    lines[start.line - 1]?.slice(start.column - 1) ?? '',
    ...middle,
    lines[end.line - 1]?.slice(0, end.column - 1) ?? '',
  ].join('\n');
}

/**
 * A mutant's key in the reasons file, stable when lines move: mutator, the code it replaces and the
 * replacement (both on one line, long ones shortened), and `#n` for the n-th identical one in a file.
 */
export function mutantKeys(source: string, mutants: Mutant[]): Map<Mutant, string> {
  const keys = new Map<Mutant, string>();
  const seen = new Map<string, number>();
  const ordered = [...mutants].sort(
    (a, b) =>
      a.location.start.line - b.location.start.line ||
      a.location.start.column - b.location.start.column,
  );
  for (const m of ordered) {
    const base = `${m.mutatorName}: ${shorten(oneLine(originalOf(source, m)))} → ${shorten(oneLine(m.replacement ?? ''))}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    keys.set(m, n === 1 ? base : `${base} #${n}`);
  }
  return keys;
}

const pct = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(2)} %`;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/`/g, "'");

/**
 * Minified files in scope, and the source they are built from: a location in the served file is
 * also given as a line of the source (through the build's source map; packages/embed/build.mjs
 * minifies with the same options, and test/embed/embed-element.test.ts keeps the two in step).
 */
const BUILT_FROM: Record<string, string> = { 'public/embed.js': 'packages/embed/src/embed.js' };

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One source-map segment's numbers (base64 VLQ). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = VLQ.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** (line, column) in the built file → line in the source, or null when the build differs. */
async function sourceLines(
  built: string,
  from: string,
): Promise<(line: number, column: number) => number | null> {
  const source = readFileSync(from, 'utf8');
  const out = await transform(source, {
    minify: true,
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    loader: 'js',
    sourcemap: 'external',
  });
  if (out.code !== built) return () => null;
  // Per generated line, [column, source line] points; columns restart on each line, source
  // lines count on across the whole map.
  let sourceLine = 0;
  const lines = (JSON.parse(out.map) as { mappings: string }).mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter(Boolean)
      .map((segment) => {
        const [dc = 0, , dl = 0] = decodeSegment(segment);
        column += dc;
        sourceLine += dl;
        return [column, sourceLine] as const;
      });
  });
  return (line, column) => {
    let found: number | null = null;
    for (const [c, l] of lines[line - 1] ?? []) if (c <= column - 1) found = l + 1;
    return found;
  };
}

/** Line numbers as ranges: 3, 5-9, 12. */
function ranges(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i] as number;
    let to = from;
    while (sorted[i + 1] === to + 1) to = sorted[++i] as number;
    parts.push(from === to ? `${from}` : `${from}-${to}`);
  }
  return parts.join(', ');
}

/** Writes docs/mutation.md for the files in `scope`; false while a survivor lacks a valid reason. */
export async function writeMutationDoc(scope: readonly string[]): Promise<boolean> {
  const results: Results = existsSync(RESULTS)
    ? JSON.parse(readFileSync(RESULTS, 'utf8'))
    : { files: {} };
  const runs: Runs = existsSync(RUNS) ? JSON.parse(readFileSync(RUNS, 'utf8')) : {};
  const reasons: Reasons = existsSync(REASONS) ? JSON.parse(readFileSync(REASONS, 'utf8')) : {};

  const rows: string[] = [];
  const survivorLines: string[] = [];
  const uncovered: string[] = [];
  const problems: string[] = [];
  const stale: string[] = [];
  const pending = scope.filter((f) => !results.files[f]);
  const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 };

  for (const file of scope.filter((f) => results.files[f])) {
    const { source, mutants } = results.files[file] as Results['files'][string];
    const count = (s: string) => mutants.filter((m) => m.status === s).length;
    const c = {
      killed: count('Killed'),
      timeout: count('Timeout'),
      survived: count('Survived'),
      noCoverage: count('NoCoverage'),
      ignored: count('Ignored'),
      errors: count('RuntimeError') + count('CompileError'),
    };
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
    const detected = c.killed + c.timeout;
    const run = runs[file];
    rows.push(
      `| ${file} | ${pct(detected, detected + c.survived)} | ${mutants.length} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} | ${run ? `${run.at} \`${run.commit}\` (${Math.round(run.seconds / 60)} min, ${run.files ?? '?'} files${run.tests ? `; only ${run.tests.length} test files` : ''})` : '?'} |`,
    );
    const keys = mutantKeys(source, mutants);
    const from = BUILT_FROM[file];
    const toSource = from ? await sourceLines(source, from) : () => null;
    const fileReasons = reasons[file] ?? {};
    const used = new Set<string>();
    for (const m of mutants.filter((x) => x.status === 'Survived')) {
      const key = keys.get(m) as string;
      used.add(key);
      const reason = fileReasons[key];
      const problem = reasonProblem(reason);
      const line = toSource(m.location.start.line, m.location.start.column);
      const at = `${file}:${m.location.start.line}:${m.location.start.column}${line ? ` (${from}:${line})` : ''}`;
      if (problem) problems.push(`${at} ${m.mutatorName}: ${problem}`);
      survivorLines.push(
        `| ${at} | ${m.mutatorName} | \`${cell(shorten(oneLine(m.replacement ?? '')))}\` | ${problem ? `**${problem}**` : cell(reason as string)} | \`${cell(key)}\` |`,
      );
    }
    for (const key of Object.keys(fileReasons)) if (!used.has(key)) stale.push(`${file}: ${key}`);
    const unreached = mutants.filter((m) => m.status === 'NoCoverage');
    if (unreached.length > 0) {
      const mapped = unreached.map((m) => toSource(m.location.start.line, m.location.start.column));
      const where = mapped.every((l) => l !== null)
        ? `${from} lines ${ranges(mapped as number[])}`
        : `lines ${ranges(unreached.map((m) => m.location.start.line))}`;
      uncovered.push(`- \`${file}\` (${unreached.length}): ${where}`);
    }
  }

  // Each run once: when, on what, how long, and which test files when not all.
  const runList = [
    ...new Map(
      scope
        .filter((f) => results.files[f] && runs[f])
        .map((f) => {
          const r = runs[f] as Runs[string];
          return [
            `${r.at} ${r.commit}`,
            {
              ...r,
              mutated: scope.filter((g) => runs[g]?.at === r.at && runs[g]?.commit === r.commit),
            },
          ] as const;
        }),
    ).values(),
  ].map(
    (r) =>
      `- ${r.at} UTC on \`${r.commit}\`, concurrency ${r.concurrency}, ${Math.round(r.seconds / 60)} min: ${r.mutated.map((f) => `\`${f}\``).join(', ')}${r.tests ? `. Only these test files ran: ${r.tests.map((t) => `\`${t}\``).join(', ')}` : ''}.`,
  );
  const detected = total.killed + total.timeout;
  const tested = detected + total.survived + total.noCoverage;
  const text = `# Mutation testing

<!-- Generated by scripts/mutation-report.ts from reports/stryker-incremental.json and
test/mutation/survivor-reasons.json: edit those, not this page. -->

\`npm run test:mutation\` runs [Stryker](https://stryker-mutator.io) 9.6 with the Vitest runner over
every module a safety decision depends on (\`mutate\` in \`stryker.config.mjs\`): what guards,
limits, locks, records or verifies in \`lib/\`, \`proxy.ts\`, the route handlers (\`app/**/route.ts\`),
\`public/embed.js\` (through DOM tests in happy-dom, \`test/embed/*-dom.test.ts\` and
\`test/embed/embed-element-*.test.ts\`) and the embed
frame's bridge. It is not part of \`npm test\`.

- \`npm run test:mutation\`: the whole scope. Incremental: mutants whose code and covering tests
  did not change keep their committed result (\`reports/stryker-incremental.json\`).
- \`npm run test:mutation -- --since main\`: only the files in scope changed since \`main\`, and,
  when tests changed, the files whose mutants those tests cover or that still have survivors.
- \`npm run test:mutation -- --files lib/a.ts,lib/b.ts\`: these files.
- \`npm run test:mutation -- --report-only\`: this page again from the committed results.
- \`--concurrency 1\` on a shared 2-core machine.

Run it through the npm script, not \`npx stryker run\`: Stryker writes its incremental file with
the files of its own run only, and scripts/mutation.ts puts back the results of the others.

How long it takes (2-core machine shared with other work, load 12-16, \`--concurrency 1\`,
December 2026): with every test file, the initial run takes about 9 minutes, and a mutant in a
module the route and integration tests reach (\`lib/core/work-scope.ts\`, \`lib/rate-limits/limiter.ts\`)
about 50 s, so the whole scope (119 files, about 8,200 lines: some 5,000 mutants) takes tens of
hours under that load; a mutant that only its own unit tests reach takes 1-3 s. \`--since\` runs
and the incremental file keep re-runs to the mutants that changed.

Every surviving mutant needs a reason in \`test/mutation/survivor-reasons.json\`, keyed by file and
by the key in the last column below: ${REASON_KINDS.map((k) => `"${k}: <argument>"`).join(', ')}.
"Not covered" is not a reason. A survivor without a valid reason is marked below and makes the
script exit non-zero; one a test should kill gets that test instead.

## Score

Mutation score over covered mutants (killed or timed out, of those a test reaches):
**${pct(detected, detected + total.survived)}** (${detected} of ${detected + total.survived}).
Over all tested mutants: ${pct(detected, tested)}. ${total.killed} killed, ${total.timeout} timed out,
${total.survived} survived, ${total.noCoverage} reached by no test, ${total.errors} errors;
${total.ignored} ignored as static (module-level constants: each would need every test file re-run).
${scope.length - pending.length} of ${scope.length} files in scope have run; "last run" says when,
on which commit ("+changes": with uncommitted changes), and how long that run took for how many
files; "only": the run ran just these test files (for files no other test reaches, or to keep a
run short; a mutant another test kills then shows as a survivor).

| file | covered score | mutants | killed | timeout | survived | no test | ignored | last run |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

## Runs

${runList.length === 0 ? 'None yet.' : runList.join('\n')}

## Pending: files in scope not run yet (${pending.length})

${pending.length === 0 ? 'None.' : pending.map((f) => `- \`${f}\``).join('\n')}

## Surviving mutants (${survivorLines.length})

${
  survivorLines.length === 0
    ? 'None.'
    : `| where | mutator | replacement | reason | key |
| --- | --- | --- | --- | --- |
${survivorLines.join('\n')}`
}

## Mutants no test reaches

A test should reach these; they do not count in the covered score.

${uncovered.length === 0 ? 'None.' : uncovered.join('\n')}
${stale.length === 0 ? '' : `\n## Reasons with no survivor left\n\nFor a survivor since killed, or a key that changed with the code:\n\n${stale.map((s) => `- ${cell(s)}`).join('\n')}\n`}`;
  writeFileSync(DOC, text);
  for (const p of problems) console.error(p);
  console.log(
    `${DOC}: ${pct(detected, detected + total.survived)} of covered mutants; ${survivorLines.length} survivors, ${problems.length} without a valid reason; ${pending.length} files pending.`,
  );
  return problems.length === 0;
}
