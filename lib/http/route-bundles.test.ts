// Next builds each route into a bundle of its own, with its own copy of lib/. The lock, the
// limiters and the stores are made once per process (lib/core/registry.ts) by whichever bundle
// asks first, so the ApiError they throw belongs to that bundle. Here esbuild really builds two
// bundles, as Next does: A holds the route wrapper (lib/http/route.ts and what it imports), B
// holds lib/core/errors.ts and the lock's error. An error from B must map to its status in A.
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
// Inside the project, so the bundles' bare imports (next, zod, auth0, …) resolve.
const OUT = join(ROOT, 'node_modules', '.cache', `keyward-bundles-${process.pid}`);

// `server-only` refuses to load outside React's server graph; Next resolves it to nothing there.
const serverOnly: Plugin = {
  name: 'server-only',
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '' }));
  },
};

async function bundle(name: string, source: string): Promise<string> {
  const outfile = join(OUT, `${name}.cjs`);
  await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    packages: 'external',
    alias: { '@': ROOT },
    plugins: [serverOnly],
    logLevel: 'silent',
  });
  return outfile;
}

type ErrorsModule = typeof import('@/lib/core/errors');
type A = Pick<typeof import('@/lib/http/route'), 'createRouteWrapper'> & ErrorsModule;
type B = ErrorsModule & Pick<typeof import('@/lib/locks/types'), 'lockBusyError'>;

let a: A;
let b: B;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  const [fileA, fileB] = await Promise.all([
    bundle(
      'route-a',
      `export { createRouteWrapper } from '@/lib/http/route';
       export { ApiError, errors } from '@/lib/core/errors';`,
    ),
    bundle(
      'lock-b',
      `export { ApiError, errors } from '@/lib/core/errors';
       export { lockBusyError } from '@/lib/locks/types';`,
    ),
  ]);
  // Loaded by Node itself, outside Vitest's module graph, as Next's server loads its chunks.
  const load = createRequire(import.meta.url);
  a = load(fileA) as A;
  b = load(fileB) as B;
}, 120_000);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

function routeOf(throwIt: () => never) {
  const withRoute = a.createRouteWrapper({
    getUser: async () => ({ userId: 'auth0|bob' }) as never,
    enforceLimit: async () => {},
    appOrigin: () => 'http://localhost:3000',
    isAdmin: () => false,
    hasRecentSignIn: () => true,
  });
  return withRoute({}, async () => throwIt());
}

const del = () =>
  new NextRequest('http://localhost:3000/api/factors/x', {
    method: 'DELETE',
    headers: { origin: 'http://localhost:3000' },
  });

describe('an ApiError from another bundle', () => {
  it('comes from a separate copy of the class', () => {
    expect(a.ApiError).not.toBe(b.ApiError);
    expect(new b.ApiError(409, 'x', 'y') instanceof a.ApiError).toBe(true);
  });

  it("maps to its status in bundle A's route wrapper: the lock's 'busy'", async () => {
    const res = await routeOf(() => {
      throw b.lockBusyError();
    })(del());
    expect(res.status).toBe(b.lockBusyError().status);
    expect(res.headers.get('retry-after')).toBe('2');
    const body = await res.json();
    expect(body.error.code).toBe('busy');
    expect(typeof body.error.message).toBe('string');
  });

  it('maps any status and code, e.g. 404 and 503 store_unavailable', async () => {
    for (const error of [b.errors.notFound(), b.errors.storeUnavailable()]) {
      const res = await routeOf(() => {
        throw error;
      })(del());
      expect(res.status).toBe(error.status);
      expect((await res.json()).error.code).toBe(error.code);
    }
  });

  it('while a plain error still answers 500 with the generic body', async () => {
    const res = await routeOf(() => {
      throw new Error('boom');
    })(del());
    expect(res.status).toBe(500);
    expect((await res.json()).error.code).toBe('internal_error');
  });
});
