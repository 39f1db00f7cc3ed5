import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Regenerates test/schemas/*.oas-excerpt.json from Auth0's published OpenAPI specs in a copy of
// the public repository auth0/docs-v2 (a checkout, or a bare git directory):
//
//   npx tsx scripts/oas-excerpts.ts <docs-v2 dir> [--rev <rev>] [--management-rev <rev>]
//                                    [--my-account-rev <rev>] [--authentication-rev <rev>]
//                                    [--only management|myAccount|authentication]
//
// Only the paths Keyward, the doctor and the local tenant's test harness call are kept, with
// every component they reference; code samples are dropped. The excerpt records where it came
// from (repository, path, commit, commit date); test/schemas/README.md says the same for people.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const REPOSITORY = 'auth0/docs-v2';

/** Per spec, the paths kept (every method of each). */
export const SPECS = {
  management: {
    file: 'auth0-management.oas-excerpt.json',
    path: 'main/docs/oas/management/v2/management-api-oas.json',
    paths: [
      // Keyward (lib/**: managementCall) and the test harness's user creation.
      '/users',
      '/users/{id}',
      '/users/{id}/authentication-methods',
      '/users/{id}/authentication-methods/{authentication_method_id}',
      '/users/{id}/logs',
      '/users/{user_id}/sessions',
      '/users/{id}/recovery-code-regeneration',
      '/tickets/password-change',
      '/sessions/{id}',
      '/keys/signing',
      '/keys/signing/rotate',
      '/keys/signing/{kid}',
      '/keys/signing/{kid}/revoke',
      // npm run doctor: what it reads and what --fix writes.
      '/clients',
      '/clients/{id}',
      '/client-grants',
      '/client-grants/{id}',
      '/resource-servers',
      '/resource-servers/{id}',
      '/connections',
      '/connections/{id}',
      '/custom-domains',
      '/custom-domains/{id}',
      '/prompts',
      '/guardian/factors',
      '/guardian/factors/{name}',
      '/guardian/policies',
    ],
  },
  myAccount: {
    file: 'my-account.oas-excerpt.json',
    path: 'main/docs/oas/myaccount/myaccount-api-oas.json',
    paths: [
      // nextjs-auth0's passkey.enrollmentChallenge / enrollmentVerify, and what the tenant serves.
      '/authentication-methods',
      '/authentication-methods/{authentication_method_id}',
      '/authentication-methods/{authentication_method_id}/verify',
      '/factors',
    ],
  },
  authentication: {
    file: 'auth0-authentication.oas-excerpt.json',
    path: 'main/docs/oas/authentication/authentication-api-oas.json',
    paths: [
      // nextjs-auth0 (sign-in code exchange, refresh, MRRT, sign-out) and the auth0 SDK's M2M token.
      '/oauth/token',
      '/oauth/revoke',
      '/v2/logout',
      '/oidc/logout',
    ],
  },
} as const;

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The spec's text and where it came from: a git revision when `dir` is a git directory. */
function readSpec(dir: string, path: string, rev: string) {
  let isGit = false;
  try {
    isGit = git(dir, ['rev-parse', '--git-dir']).trim() !== '';
  } catch {
    isGit = false;
  }
  if (!isGit) {
    const file = join(dir, path);
    if (!existsSync(file)) throw new Error(`${file} does not exist`);
    return { text: readFileSync(file, 'utf8'), commit: 'unknown (not a git directory)', date: '' };
  }
  const [commit = '', date = ''] = git(dir, ['log', '-1', '--format=%H %cs', rev, '--', path])
    .trim()
    .split(' ');
  if (!commit) throw new Error(`${path} has no history at ${rev}`);
  return { text: git(dir, ['show', `${commit}:${path}`]), commit, date };
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy without code samples (they are most of the file and nothing validates them). */
function strip(value: Json): Json {
  if (Array.isArray(value)) return value.map(strip);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'x-codeSamples')
      .map(([key, inner]) => [key, strip(inner)]),
  );
}

/** Every `#/components/{kind}/{name}` reachable from `root`, followed transitively. */
function referencedComponents(spec: JsonObject, root: Json): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const components = isObject(spec.components) ? spec.components : {};
  const visit = (value: Json) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isObject(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/')) {
        const [kind = '', name = ''] = inner.slice('#/components/'.length).split('/');
        const names = found.get(kind) ?? new Set<string>();
        if (names.has(name)) continue;
        names.add(name);
        found.set(kind, names);
        const group = components[kind];
        const target = isObject(group) ? group[name] : undefined;
        if (target === undefined) throw new Error(`dangling reference ${inner}`);
        visit(target);
      } else {
        visit(inner);
      }
    }
  };
  visit(root);
  return found;
}

export function excerpt(
  spec: JsonObject,
  paths: readonly string[],
  source: { path: string; commit: string; date: string },
): JsonObject {
  const allPaths = isObject(spec.paths) ? spec.paths : {};
  const kept: JsonObject = {};
  for (const path of paths) {
    const item = allPaths[path];
    if (item === undefined) throw new Error(`${source.path} has no path ${path}`);
    kept[path] = strip(item);
  }
  const components = isObject(spec.components) ? spec.components : {};
  const used = referencedComponents(spec, kept);
  // Security schemes are named by `security`, not referenced: keep them all (they are small).
  const keptComponents: JsonObject = {
    ...(components.securitySchemes ? { securitySchemes: components.securitySchemes } : {}),
  };
  for (const [kind, names] of [...used].sort(([a], [b]) => a.localeCompare(b))) {
    const group = components[kind];
    if (!isObject(group)) continue;
    keptComponents[kind] = Object.fromEntries(
      [...names].sort().map((name) => [name, strip(group[name] ?? null)]),
    );
  }
  return {
    openapi: spec.openapi ?? null,
    info: spec.info ?? null,
    servers: spec.servers ?? null,
    'x-excerpt': {
      repository: REPOSITORY,
      path: source.path,
      commit: source.commit,
      commitDate: source.date,
      generatedBy: 'scripts/oas-excerpts.ts',
      paths: [...paths],
    },
    paths: kept,
    components: keptComponents,
  };
}

function argument(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

function main(args: string[]): void {
  const dir = args[0];
  if (!dir || dir.startsWith('--')) {
    throw new Error('usage: tsx scripts/oas-excerpts.ts <docs-v2 dir> [--rev <rev>] ...');
  }
  const rev = argument(args, '--rev') ?? 'HEAD';
  const revs = {
    management: argument(args, '--management-rev') ?? rev,
    myAccount: argument(args, '--my-account-rev') ?? rev,
    authentication: argument(args, '--authentication-rev') ?? rev,
  };
  const only = argument(args, '--only');
  const keys = (['management', 'myAccount', 'authentication'] as const).filter(
    (key) => !only || key === only,
  );
  const outDir = fileURLToPath(new URL('../test/schemas/', import.meta.url));
  for (const key of keys) {
    const spec = SPECS[key];
    const { text, commit, date } = readSpec(dir, spec.path, revs[key]);
    const parsed = JSON.parse(text) as JsonObject;
    const out = excerpt(parsed, spec.paths, { path: spec.path, commit, date });
    writeFileSync(join(outDir, spec.file), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`${spec.file}: ${spec.paths.length} paths from ${spec.path} @ ${commit} (${date})`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2));
}
