// npm run doctor [-- --fix [--yes]] [-- --json]: reads the tenant's configuration through the
// Management API with Keyward's M2M credentials (.env.local / env, as the app reads them; the
// local tenant when AUTH0_DOMAIN is unset) and prints a checklist. Exit code 0 only when nothing
// is MISSING or WRONG. --fix shows the writes it would make, asks, then makes them and checks again.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { isHealthy, runChecks } from '@/lib/doctor/checks';
import { applyAction, doctorClient, expectationsFrom, readTenant } from '@/lib/doctor/read';
import { describeAction, formatChecklist, formatDiff, mergeActions } from '@/lib/doctor/report';
import { resolveEnv } from '@/lib/env';

for (const file of ['.env.local', '.env']) {
  if (existsSync(file)) process.loadEnvFile(file);
}

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !['--fix', '--yes', '--json'].includes(a));
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(' ')}. Use --fix, --yes, --json.`);
  process.exit(2);
}
const json = args.has('--json');
const out = (text: string) => {
  if (!json) console.log(text);
};

async function confirm(): Promise<boolean> {
  if (args.has('--yes')) return true;
  if (!process.stdin.isTTY) {
    console.error('Not applied: no terminal to ask in. Run again with --fix --yes to apply.');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question('Apply these changes? [y/N] ');
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function main(): Promise<number> {
  const env = resolveEnv(process.env);
  const expect = expectationsFrom(env, process.env);
  const mgmt = doctorClient(env);
  out(
    `Checking ${env.local ? 'the local tenant' : env.auth0.domain} (Management API on ${env.management.domain}) for ${env.appBaseUrl}`,
  );
  let snapshot = await readTenant(mgmt, expect);
  let results = runChecks(expect, snapshot);
  out(formatChecklist(results));

  const applied: string[] = [];
  if (args.has('--fix')) {
    const actions = mergeActions(results, snapshot);
    if (!actions.length) {
      out('\nNothing --fix can change.');
    } else {
      out(`\n--fix would make ${actions.length} change(s):\n${formatDiff(actions, snapshot)}\n`);
      if (await confirm()) {
        for (const action of actions) {
          await applyAction(mgmt, action);
          applied.push(describeAction(action));
          out(`Done: ${describeAction(action)}`);
        }
        // A fresh client: a scope --fix just granted is only in tokens issued after the grant.
        snapshot = await readTenant(doctorClient(env), expect);
        results = runChecks(expect, snapshot);
        out(`\nAfter the changes:${formatChecklist(results)}`);
      } else if (json || process.stdin.isTTY || args.has('--yes')) {
        out('Nothing was changed.');
      }
    }
  }
  const healthy = isHealthy(results);
  if (json) console.log(JSON.stringify({ healthy, applied, results }, null, 2));
  return healthy ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `The doctor could not finish: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (
      /fetch failed|ECONNREFUSED/i.test(
        String(error instanceof Error ? `${error.message} ${error.cause}` : error),
      )
    ) {
      console.error(
        'Is the tenant reachable? In local mode start it first: npm run tenant (or npm run dev).',
      );
    }
    process.exit(2);
  },
);
