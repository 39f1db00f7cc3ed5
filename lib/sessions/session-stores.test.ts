// Both session stores (SQLite, the default; Redis, with REDIS_URL) against the same contract:
// nextjs-auth0's SessionDataStore, update only while the session exists, expiry, back-channel
// logout by sid and by user, encryption at rest, and two instances seeing the same sessions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionData } from '@auth0/nextjs-auth0/types';
import Database from 'better-sqlite3';
import Redis from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '@/lib/redis/connection';
import { startRedisServer } from '@/test/local-servers';
import { ABSOLUTE_SECONDS } from './lifetime';
import { createRedisSessionStore } from './redis-store';
import { createSealer } from './seal';
import { createSqliteSessionStore } from './sqlite-store';
import type { SessionStore } from './store-types';

const SECRET = 'session-store-test-secret-0000000000000000';
const sealer = createSealer(SECRET);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);

let counter = 0;
/** A session as nextjs-auth0 saves it; `expiresInMs` shortens its life to test expiry. */
function session(
  { sub = 'auth0|alice', sid = 'sid-a' }: { sub?: string; sid?: string } = {},
  expiresInMs?: number,
): SessionData {
  const createdAt =
    expiresInMs === undefined ? nowSeconds() : (Date.now() + expiresInMs) / 1000 - ABSOLUTE_SECONDS;
  counter++;
  return {
    user: { sub, email: 'alice@example.com' },
    tokenSet: {
      accessToken: `access-${counter}`,
      refreshToken: `refresh-token-${counter}`,
      idToken: 'id-token',
      expiresAt: nowSeconds() + 3600,
    },
    internal: { sid, createdAt },
  };
}

const id = () => `id-${++counter}`;

type Backend = {
  /** Two stores that stand for two app instances sharing one backend. */
  open: () => { a: SessionStore; b: SessionStore };
  /** The raw stored value of a session, as someone reading the file or Redis would see it. */
  raw: (id: string) => Promise<string | null>;
};

let dir = '';
let stopRedis: (() => void) | undefined;
let redisUrl = '';
const connections: Redis[] = [];
const closers: (() => void)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyward-sessions-'));
  const server = await startRedisServer();
  stopRedis = server.stop;
  redisUrl = server.url;
});

afterAll(() => {
  for (const close of closers) close();
  for (const redis of connections) redis.disconnect();
  stopRedis?.();
  rmSync(dir, { recursive: true, force: true });
});

const sqlite: Backend = {
  open: () => {
    const file = join(dir, `sessions-${++counter}.sqlite`);
    sqlite.raw = async (sessionId) => {
      const db = new Database(file, { readonly: true });
      try {
        const row = db.prepare('SELECT data FROM sessions WHERE id = ?').get(sessionId) as
          | { data: string }
          | undefined;
        return row?.data ?? null;
      } finally {
        db.close();
      }
    };
    const a = createSqliteSessionStore(file, sealer);
    const b = createSqliteSessionStore(file, sealer);
    closers.push(a.close, b.close);
    return { a, b };
  },
  raw: async () => null,
};

const redis: Backend = {
  open: () => {
    const prefix = `test-${++counter}:session`;
    const [ra, rb] = [1, 2].map(() => createRedisConnection(redisUrl)) as [Redis, Redis];
    // A plain client that queues until connected: the app's connections fail fast instead.
    const admin = new Redis(redisUrl);
    connections.push(ra, rb, admin);
    redis.raw = (sessionId) => admin.get(`${prefix}:${sessionId}`);
    return {
      a: createRedisSessionStore(ra, sealer, Date.now, prefix),
      b: createRedisSessionStore(rb, sealer, Date.now, prefix),
    };
  },
  raw: async () => null,
};

describe.each([
  ['SQLite', sqlite],
  ['Redis', redis],
] as const)('%s session store', (_name, backend) => {
  it('keeps a session and gives it back; unknown ids are null', async () => {
    const { a } = backend.open();
    const key = id();
    const saved = session();
    await a.set(key, saved);
    expect(await a.get(key)).toEqual(saved);
    expect(await a.get('unknown')).toBeNull();
  });

  it('is shared: a session saved by one instance is used and ended by the other', async () => {
    const { a, b } = backend.open();
    const key = id();
    await a.set(key, session());
    expect(await b.get(key)).not.toBeNull();
    await b.delete(key);
    expect(await a.get(key)).toBeNull();
  });

  it('updates a session only while it exists, so a roll cannot revive a signed-out one', async () => {
    const { a, b } = backend.open();
    const key = id();
    const first = session();
    expect(await a.update(key, first)).toBe(false);
    expect(await a.get(key)).toBeNull();
    await a.set(key, first);
    const rolled = { ...first, tokenSet: { ...first.tokenSet, accessToken: 'rolled' } };
    expect(await b.update(key, rolled)).toBe(true);
    expect((await a.get(key))?.tokenSet.accessToken).toBe('rolled');
    await a.delete(key);
    expect(await b.update(key, rolled)).toBe(false);
    expect(await a.get(key)).toBeNull();
  });

  it('forgets a session when its lifetime ends', async () => {
    const { a } = backend.open();
    const key = id();
    await a.set(key, session({}, 400));
    expect(await a.get(key)).not.toBeNull();
    await sleep(600);
    expect(await a.get(key)).toBeNull();
  });

  it('ends only the sessions a logout token names: by sid, by sid and sub, or every one of a sub', async () => {
    const { a, b } = backend.open();
    const [one, two, other, bobs] = [id(), id(), id(), id()];
    await a.set(one, session({ sid: 'sid-1' }));
    await a.set(two, session({ sid: 'sid-2' }));
    await a.set(other, session({ sid: 'sid-3' }));
    await a.set(bobs, session({ sub: 'auth0|bob', sid: 'sid-b' }));

    await b.deleteByLogoutToken({ sid: 'sid-1', iss: 'https://tenant/' });
    expect(await a.get(one)).toBeNull();
    expect(await a.get(two)).not.toBeNull();

    // A sid with another user's sub names nothing.
    await b.deleteByLogoutToken({ sid: 'sid-2', sub: 'auth0|bob' });
    expect(await a.get(two)).not.toBeNull();
    await b.deleteByLogoutToken({ sid: 'sid-2', sub: 'auth0|alice' });
    expect(await a.get(two)).toBeNull();

    await b.deleteByLogoutToken({ sub: 'auth0|alice' });
    expect(await a.get(other)).toBeNull();
    expect(await a.get(bobs)).not.toBeNull();
  });

  it('ends every session of a user but those of the Auth0 session kept', async () => {
    const { a, b } = backend.open();
    const [kept, other, noSid, bobs] = [id(), id(), id(), id()];
    await a.set(kept, session({ sid: 'sid-here' }));
    await a.set(other, session({ sid: 'sid-there' }));
    await a.set(noSid, session({ sid: '' }));
    await a.set(bobs, session({ sub: 'auth0|bob', sid: 'sid-bob' }));
    await b.deleteOtherSessions('auth0|alice', 'sid-here');
    expect(await a.get(kept)).not.toBeNull();
    expect(await a.get(other)).toBeNull();
    expect(await a.get(noSid)).toBeNull();
    expect(await a.get(bobs)).not.toBeNull();
  });

  it('keeps the tokens encrypted, bound to the session id', async () => {
    const { a } = backend.open();
    const key = id();
    const saved = session();
    await a.set(key, saved);
    const raw = await backend.raw(key);
    expect(raw).toBeTruthy();
    expect(raw).not.toContain(String(saved.tokenSet.refreshToken));
    expect(raw).not.toContain('alice');
    expect(sealer.open(key, String(raw))).toBe(JSON.stringify(saved));
    expect(sealer.open('another-id', String(raw))).toBeNull();
    expect(createSealer(`${SECRET}-other`).open(key, String(raw))).toBeNull();
  });
});

describe('SQLite session store', () => {
  it('drops expired rows from the file', async () => {
    const file = join(dir, 'purge.sqlite');
    let now = Date.now();
    const store = createSqliteSessionStore(file, sealer, () => now);
    closers.push(store.close);
    await store.set(id(), session({}, 1000));
    // Purges run on a write, at most every ten minutes.
    now += 11 * 60 * 1000;
    await store.set(id(), session());
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('creates its folder on first use', async () => {
    const store = createSqliteSessionStore(join(dir, 'nested', 'data', 'sessions.sqlite'), sealer);
    closers.push(store.close);
    const key = id();
    await store.set(key, session());
    expect(await store.get(key)).not.toBeNull();
  });
});

// What nextjs-auth0 is given (lib/auth0.ts): the process's store behind lazySessionStore, which
// adds the per-session lock and keeps the newest tokens on every update.
describe('lazySessionStore', () => {
  let lazy: typeof import('./store').lazySessionStore;
  let registry: typeof import('@/lib/core/registry');

  beforeAll(async () => {
    ({ lazySessionStore: lazy } = await import('./store'));
    registry = await import('@/lib/core/registry');
  });

  afterEach(() => {
    registry.forgetProcessShared('session-store');
    registry.forgetProcessShared('lock');
  });

  it('signing out ends the session on the server: its cookie finds nothing afterwards', async () => {
    const key = id();
    await lazy.set(key, session());
    expect((await lazy.get(key))?.user.sub).toBe('auth0|alice');
    await lazy.delete(key);
    expect(await lazy.get(key)).toBeNull();
    // Nor can a later write (a page view rolling it) bring it back.
    expect(await lazy.update(key, session())).toBe(false);
    expect(await lazy.get(key)).toBeNull();
  });

  it('a logout token ends the sessions made from the Auth0 session it names, and no other', async () => {
    const [named, other] = [id(), id()];
    await lazy.set(named, session({ sid: 'lazy-sid-1' }));
    await lazy.set(other, session({ sid: 'lazy-sid-2' }));
    await lazy.deleteByLogoutToken({ sid: 'lazy-sid-1', sub: 'auth0|alice' });
    expect(await lazy.get(named)).toBeNull();
    expect(await lazy.get(other)).not.toBeNull();
  });

  it('signing out the others ends every session of the user but this one', async () => {
    const [here, there] = [id(), id()];
    await lazy.set(here, session({ sid: 'lazy-here' }));
    await lazy.set(there, session({ sid: 'lazy-there' }));
    await lazy.deleteOtherSessions('auth0|alice', 'lazy-here');
    expect(await lazy.get(here)).not.toBeNull();
    expect(await lazy.get(there)).toBeNull();
  });

  it('a page view rolling the session, racing a refresh, never writes the spent refresh token back', async () => {
    const real = createSqliteSessionStore(join(dir, `lazy-${++counter}.sqlite`), sealer);
    closers.push(real.close);
    const { createMemoryLock } = await import('@/lib/locks');
    const key = id();
    const signedIn = session();
    await real.set(key, signedIn);
    const spent = String(signedIn.tokenSet.refreshToken);

    // The page view reads the stored session, then stalls until the refresh has asked to write.
    let pageViewRead: () => void = () => {};
    const pageViewStalled = new Promise<void>((resolve) => {
      pageViewRead = resolve;
    });
    let releasePageView: () => void = () => {};
    const pageViewMayGoOn = new Promise<void>((resolve) => {
      releasePageView = resolve;
    });
    let reads = 0;
    registry.forgetProcessShared('session-store');
    registry.processShared('session-store', () => ({
      ...real,
      get: async (sessionId: string) => {
        const stored = await real.get(sessionId);
        if (++reads === 1) {
          pageViewRead();
          await pageViewMayGoOn;
        }
        return stored;
      },
    }));
    // The refresh is let through the moment it asks for the session's lock (or, were there no
    // lock, once it has written).
    const lock = createMemoryLock({ waitMs: 5000 });
    let runs = 0;
    registry.forgetProcessShared('lock');
    registry.processShared('lock', () => ({
      run: <T>(name: string, fn: () => Promise<T>) => {
        if (++runs === 2) releasePageView();
        return lock.run(name, fn);
      },
    }));

    const pageView = lazy.update(key, { ...signedIn, user: { ...signedIn.user, seen: 1 } });
    await pageViewStalled;
    const refreshed = session();
    const refresh = lazy.update(key, refreshed).finally(releasePageView);
    expect(await Promise.all([pageView, refresh])).toEqual([true, true]);

    const stored = await real.get(key);
    expect(stored?.tokenSet.refreshToken).toBe(refreshed.tokenSet.refreshToken);
    expect(stored?.tokenSet.refreshToken).not.toBe(spent);
  });
});
