import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// First-load JS per route, from the build's own record: Next 16 writes the chunks each route loads
// on its first visit to .next/diagnostics/route-bundle-stats.json, for Turbopack and webpack alike.
// Sizes are gzip at zlib's default level (what `next start` sends), per file, so they are exact
// counts of a given build. The framework baseline is `/_not-found`: Next's built-in page, which
// loads the framework and the root layout and no page code of Keyward's; what /security loads
// beyond it is Keyward's page code and the libraries it pulls in.

export const BASELINE_ROUTE = '/_not-found';

type RouteStats = { route: string; firstLoadChunkPaths: string[] };

export type RouteBytes = {
  route: string;
  files: { file: string; bytes: number; gzip: number }[];
  gzip: number;
};

function readStats(root: string): RouteStats[] {
  const file = path.join(root, '.next', 'diagnostics', 'route-bundle-stats.json');
  return JSON.parse(readFileSync(file, 'utf8')) as RouteStats[];
}

const gzipCache = new Map<string, { bytes: number; gzip: number }>();
function sizeOf(root: string, file: string): { bytes: number; gzip: number } {
  const full = path.join(root, file);
  let size = gzipCache.get(full);
  if (!size) {
    const content = readFileSync(full);
    size = { bytes: content.length, gzip: gzipSync(content).length };
    gzipCache.set(full, size);
  }
  return size;
}

/** Every route's first-load JS, file by file. */
export function routeBytes(root = process.cwd()): RouteBytes[] {
  return readStats(root).map(({ route, firstLoadChunkPaths }) => {
    const files = [...new Set(firstLoadChunkPaths)].map((file) => ({
      file,
      ...sizeOf(root, file),
    }));
    return { route, files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
  });
}

/** A route's first-load gzip bytes, the baseline's, and what the route adds above it. */
export function keywardShare(route: string, root = process.cwd()) {
  const all = routeBytes(root);
  const find = (name: string) => {
    const found = all.find((r) => r.route === name);
    if (!found) throw new Error(`${name} is not in route-bundle-stats.json; run next build first`);
    return found;
  };
  const page = find(route);
  const baseline = find(BASELINE_ROUTE);
  const shared = new Set(baseline.files.map((f) => f.file));
  const own = page.files.filter((f) => !shared.has(f.file));
  return {
    firstLoad: page.gzip,
    baseline: baseline.gzip,
    keyward: own.reduce((sum, f) => sum + f.gzip, 0),
    files: own,
  };
}
