// `npm run test:mutation`: Stryker over the safety modules (stryker.config.mjs), incrementally, then
// docs/mutation.md from the results (scripts/mutation-report.ts).
//
//   npm run test:mutation                          the whole scope (only changed mutants re-run)
//   npm run test:mutation -- --since main          the files in scope changed since main
//   npm run test:mutation -- --files a.ts,b.ts     these files (each must be in scope)
//   npm run test:mutation -- --report-only         docs/mutation.md from the committed results
//   --list                                         print the files a run would mutate, and stop
//   --concurrency N                                test runner processes (default: the config's)
//   --tests a.test.ts,b.test.ts                    only these test files (a shorter initial run;
//                                                  only when no other test can reach the files)
//
// Stryker writes its incremental file with the files of this run only; this script puts the
// results of the files the run left out back, so the committed file always covers the whole scope
// that has run, and the next run re-tests only what changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeMutationDoc } from './mutation-report';

type Report = {
  files: Record<
    string,
    { mutants: { status: string; coveredBy?: string[]; killedBy?: string[] }[] }
  >;
  testFiles?: Record<string, { tests: { id: string; name: string }[] }>;
  [key: string]: unknown;
};
/** Per file: when it last ran, on which commit, and how long that run (of `files` files) took. */
type Runs = Record<
  string,
  {
    at: string;
    commit: string;
    seconds: number;
    files: number;
    concurrency: number;
    /** With `--tests`: the only test files that ran (a kill by any other test was not seen). */
    tests?: string[];
  }
>;

const INCREMENTAL = 'reports/stryker-incremental.json';
const RUNS = 'reports/mutation-runs.json';

const git = (...args: string[]) => {
  const out = spawnSync('git', args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`git ${args.join(' ')}: ${out.stderr.trim()}`);
  return out.stdout.split('\n').filter(Boolean);
};

/** The files matching a list of globs with `!` exclusions, in order (as Stryker reads them). */
export function inScope(patterns: readonly string[], files: readonly string[]): string[] {
  return files.filter((file) => {
    let selected = false;
    for (const p of patterns) {
      if (p.startsWith('!')) {
        if (matchesGlob(file, p.slice(1))) selected = false;
      } else if (matchesGlob(file, p)) selected = true;
    }
    return selected;
  });
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

const readJson = <T>(path: string): T | null =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;

/** Files changed since `ref` (committed, staged, unstaged or new), and which of them are tests. */
function changedSince(ref: string): string[] {
  const base = git('merge-base', ref, 'HEAD')[0] ?? ref;
  return [
    ...new Set([
      ...git('diff', '--name-only', base, 'HEAD'),
      ...git('diff', '--name-only', 'HEAD'),
      ...git('ls-files', '--others', '--exclude-standard'),
    ]),
  ].filter(existsSync);
}

/**
 * What to mutate for a change: the changed files in scope, and, when tests changed, the files in
 * scope whose mutants those tests covered or that still have survivors or unreached mutants (a
 * changed test may now kill them; Stryker re-runs only the mutants whose covering tests changed).
 */
function forChange(changed: string[], scope: string[], testPatterns: string[]): string[] {
  const picked = new Set(changed.filter((f) => scope.includes(f)));
  const tests = changed.filter((f) => testPatterns.some((p) => matchesGlob(f, p)));
  const previous = readJson<Report>(INCREMENTAL);
  if (tests.length > 0 && previous) {
    const ids = new Set(
      tests.flatMap((t) => previous.testFiles?.[t]?.tests.map((test) => test.id) ?? []),
    );
    for (const [file, { mutants }] of Object.entries(previous.files)) {
      if (!scope.includes(file)) continue;
      const open = (m: (typeof mutants)[number]) =>
        m.status === 'Survived' || m.status === 'NoCoverage';
      if (mutants.some((m) => open(m) || m.coveredBy?.some((id) => ids.has(id)))) picked.add(file);
    }
  }
  return [...picked].sort();
}

/**
 * A report whose test ids name their test (`file > name`) instead of Stryker's per-run numbers,
 * so that two runs' results can share one file: Stryker reads the ids only as keys into the
 * report's own test list.
 */
export function withNamedTestIds(report: Report): Report {
  const ids = new Map<string, string>();
  const testFiles = Object.fromEntries(
    Object.entries(report.testFiles ?? {}).map(([file, entry]) => {
      const seen = new Map<string, number>();
      const tests = entry.tests.map((test) => {
        const base = `${file} > ${test.name}`;
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        const id = n === 1 ? base : `${base} (${n})`;
        ids.set(test.id, id);
        return { ...test, id };
      });
      return [file, { ...entry, tests }];
    }),
  );
  const rename = (list?: string[]) => list?.map((id) => ids.get(id) ?? id);
  const files = Object.fromEntries(
    Object.entries(report.files).map(([file, entry]) => [
      file,
      {
        ...entry,
        mutants: entry.mutants.map((m) => ({
          ...m,
          ...(m.coveredBy ? { coveredBy: rename(m.coveredBy) } : {}),
          ...(m.killedBy ? { killedBy: rename(m.killedBy) } : {}),
        })),
      },
    ]),
  );
  return { ...report, files, testFiles };
}

/** `fresh` (this run's report) with `previous`'s results for the files this run left out. */
export function keepOthers(previous: Report | null, fresh: Report, mutated: string[]): Report {
  const old = previous ? withNamedTestIds(previous) : null;
  const now = withNamedTestIds(fresh);
  const files = { ...old?.files };
  for (const file of mutated) delete files[file];
  Object.assign(files, now.files);
  const testFiles = { ...old?.testFiles, ...now.testFiles };
  const sorted = <T>(o: Record<string, T>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return { ...now, files: sorted(files), testFiles: sorted(testFiles) };
}

async function main() {
  const config = (await import(pathToFileURL('stryker.config.mjs').href)).default as {
    mutate: string[];
    testFiles: string[];
    concurrency: number;
  };
  const scope = inScope(
    config.mutate,
    git('ls-files', '--cached', '--others', '--exclude-standard'),
  );
  if (!process.argv.includes('--report-only')) {
    const since = arg('--since');
    const only = arg('--files')?.split(',');
    const outside = only?.filter((f) => !scope.includes(f)) ?? [];
    if (outside.length > 0) throw new Error(`not in the mutation scope: ${outside.join(', ')}`);
    const files = only ?? (since ? forChange(changedSince(since), scope, config.testFiles) : scope);
    if (process.argv.includes('--list')) {
      console.log(files.join('\n'));
      return;
    }
    if (files.length === 0) {
      console.log(`Nothing in the mutation scope changed since ${since}.`);
    } else {
      const concurrency = Number(arg('--concurrency') ?? config.concurrency);
      const previous = readJson<Report>(INCREMENTAL);
      console.log(`Mutating ${files.length} file(s): ${files.join(', ')}`);
      const started = Date.now();
      const run = spawnSync(
        'npx',
        [
          'stryker',
          'run',
          '--concurrency',
          String(concurrency),
          ...(files.length < scope.length ? ['--mutate', files.join(',')] : []),
          ...(arg('--tests') ? ['--testFiles', arg('--tests') as string] : []),
        ],
        { stdio: 'inherit' },
      );
      if (run.status !== 0) process.exit(run.status ?? 1);
      const fresh = readJson<Report>(INCREMENTAL);
      if (fresh) {
        const merged = keepOthers(previous, fresh, files);
        writeFileSync(INCREMENTAL, `${JSON.stringify(merged, null, 2)}\n`);
      }
      const runs = readJson<Runs>(RUNS) ?? {};
      // The run's own outputs aside: was the code under test committed?
      const dirty =
        git('status', '--porcelain', '--', '.', ':!reports', ':!docs/mutation.md').length > 0;
      const commit = `${git('rev-parse', '--short', 'HEAD')[0]}${dirty ? '+changes' : ''}`;
      const seconds = Math.round((Date.now() - started) / 1000);
      const at = new Date().toISOString().slice(0, 16).replace('T', ' ');
      const tests = arg('--tests')?.split(',');
      for (const file of files)
        runs[file] = { at, commit, seconds, files: files.length, concurrency, tests };
      writeFileSync(RUNS, `${JSON.stringify(runs, null, 2)}\n`);
      // In the repository's JSON style (a file over Biome's size limit is left as it is).
      spawnSync('npx', ['biome', 'format', '--write', INCREMENTAL, RUNS], { stdio: 'ignore' });
    }
  }
  process.exit((await writeMutationDoc(scope)) ? 0 : 1);
}

if (process.argv[1]?.endsWith('mutation.ts')) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
