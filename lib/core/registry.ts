import 'server-only';

// The process's one owner of shared things. Next evaluates lib/ once per route bundle (and again
// on every hot reload), so a module-level `let client = …` would exist once per bundle: several
// lock tables, several Redis connections, several outbox workers racing one another. Everything
// that must exist once per process is made here, on first use, and kept in one map on globalThis
// under a registered symbol, which every bundle's copy of this module finds. Errors such things
// throw are recognised across bundles by lib/core/errors.ts.

const REGISTRY = Symbol.for('keyward.process-registry');

type Entry = { value: unknown; dispose?: (value: never) => void };
type Holder = typeof globalThis & { [REGISTRY]?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  const holder: Holder = globalThis;
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/**
 * The process's `name`, made by `create` the first time any bundle asks, and at most once per
 * process unless renewed or forgotten. `dispose` releases it when it is forgotten (tests).
 */
export function processShared<T>(name: string, create: () => T, dispose?: (value: T) => void): T {
  const map = entries();
  const found = map.get(name);
  if (found) return found.value as T;
  const value = create();
  map.set(name, { value, dispose: dispose as Entry['dispose'] });
  return value;
}

/** Replaces `name` with a new one from `create` (a Management client whose token was refused). */
export function renewProcessShared<T>(name: string, create: () => T): T {
  entries().delete(name);
  return processShared(name, create);
}

/** Releases and drops entries (all, or those whose name starts with `prefix`): tests only. */
export function forgetProcessShared(prefix = ''): void {
  const map = entries();
  for (const [name, entry] of [...map]) {
    if (!name.startsWith(prefix)) continue;
    map.delete(name);
    try {
      entry.dispose?.(entry.value as never);
    } catch {
      // Already closed: nothing left to release.
    }
  }
}
