import 'server-only';
import type { LogoutToken, SessionData } from '@auth0/nextjs-auth0/types';
import type Redis from 'ioredis';
import { redisCall } from '@/lib/redis/connection';
import { ABSOLUTE_SECONDS, expiresAtMs } from './lifetime';
import type { Sealer } from './seal';
import type { SessionStore } from './store-types';

// Sessions in Redis, shared by every instance: sign in through one, use another, sign out through
// either. Each session expires with its own TTL; two index sets per session (by Auth0 `sid` and
// by user) let a back-channel logout find it, and expire after the longest a session can live.

const INDEX_TTL_MS = ABSOLUTE_SECONDS * 1000;

export function createRedisSessionStore(
  redis: Redis,
  sealer: Sealer,
  now: () => number = Date.now,
  prefix = 'keyward:session',
): SessionStore {
  const dataKey = (id: string) => `${prefix}:${id}`;
  const sidKey = (sid: string) => `${prefix}-sid:${sid}`;
  const subKey = (sub: string) => `${prefix}-sub:${sub}`;
  const ttlMs = (session: SessionData) => Math.max(1, expiresAtMs(session, now()) - now());

  const index = (id: string, session: SessionData) => {
    const multi = redis.multi();
    if (session.internal.sid) {
      multi
        .sadd(sidKey(session.internal.sid), id)
        .pexpire(sidKey(session.internal.sid), INDEX_TTL_MS);
    }
    multi.sadd(subKey(session.user.sub), id).pexpire(subKey(session.user.sub), INDEX_TTL_MS);
    return multi;
  };

  return {
    async get(id) {
      const sealed = await redisCall(redis, (r) => r.get(dataKey(id)));
      const text = sealed ? sealer.open(id, sealed) : null;
      return text ? (JSON.parse(text) as SessionData) : null;
    },
    async set(id, session) {
      const sealed = sealer.seal(id, JSON.stringify(session));
      await redisCall(redis, () =>
        index(id, session).set(dataKey(id), sealed, 'PX', ttlMs(session)).exec(),
      );
    },
    async update(id, session) {
      const sealed = sealer.seal(id, JSON.stringify(session));
      // XX: only while it exists, so a roll racing a logout cannot bring the session back.
      const written = await redisCall(redis, (r) =>
        r.set(dataKey(id), sealed, 'PX', ttlMs(session), 'XX'),
      );
      if (written !== 'OK') return false;
      await redisCall(redis, () => index(id, session).exec());
      return true;
    },
    async delete(id) {
      await redisCall(redis, (r) => r.del(dataKey(id)));
    },
    async deleteByLogoutToken({ sid, sub }: LogoutToken) {
      await redisCall(redis, async (r) => {
        const ids =
          sid && sub
            ? await r.sinter(sidKey(sid), subKey(sub))
            : sid
              ? await r.smembers(sidKey(sid))
              : sub
                ? await r.smembers(subKey(sub))
                : [];
        if (ids.length === 0) return;
        const multi = r.multi().del(...ids.map(dataKey));
        if (sid) multi.srem(sidKey(sid), ...ids);
        if (sub) multi.srem(subKey(sub), ...ids);
        await multi.exec();
      });
    },
    async deleteOtherSessions(sub, keepSid) {
      await redisCall(redis, async (r) => {
        const ids = await r.sdiff(subKey(sub), sidKey(keepSid));
        if (ids.length === 0) return;
        await r
          .multi()
          .del(...ids.map(dataKey))
          .srem(subKey(sub), ...ids)
          .exec();
      });
    },
  };
}
