import 'server-only';
import type { Management } from 'auth0';
import { log } from '@/lib/core/log';
import { type Actor, currentContext, runWithContext } from '@/lib/core/request-context';
import { notifyChange } from '@/lib/notifications/notify';
import { ttlStore } from '@/lib/state/ttl-store';

// A new passkey or security key Auth0 did not confirm (its answer was lost and a read did not
// find it yet) may still be stored after Keyward answered 503 `outcome_unknown`. The person then
// gets the "added" mail once a later read of their methods shows the key, as if Auth0 had
// answered: remembered here with the adding request's actor, so the mail names that browser.

/** How long an unconfirmed add is watched for: Auth0 either stores it within this or never. */
export const UNCONFIRMED_WATCH_MS = 10 * 60_000;

export type UnconfirmedKind = 'passkey' | 'security key';

type Entry = {
  keyId: string;
  kind: UnconfirmedKind;
  name: string | null;
  actor: Actor | null;
  until: number;
};

const slot = (userId: string) => `unconfirmed-adds:${userId}`;

async function read(userId: string): Promise<Entry[]> {
  const raw = await ttlStore().get(slot(userId));
  if (!raw) return [];
  try {
    const entries = JSON.parse(raw) as Entry[];
    return Array.isArray(entries) ? entries : [];
  } catch {
    return [];
  }
}

/**
 * Remembers an add whose outcome is unknown. Never throws: the answer (503 `outcome_unknown`) is
 * true with or without the record; without it, only the late mail is missed (logged).
 */
export async function rememberUnconfirmedAdd(
  userId: string,
  add: { keyId: string; kind: UnconfirmedKind; name: string | null },
): Promise<void> {
  try {
    const until = Date.now() + UNCONFIRMED_WATCH_MS;
    const kept = (await read(userId)).filter((e) => e.until > Date.now() && e.keyId !== add.keyId);
    const entry: Entry = { ...add, actor: currentContext()?.actor ?? null, until };
    await ttlStore().set(slot(userId), JSON.stringify([...kept, entry]), UNCONFIRMED_WATCH_MS);
  } catch {
    log('warn', 'unconfirmed_add_not_recorded', { userId, kind: add.kind });
  }
}

/**
 * Called with every fresh read of the user's methods: an unconfirmed add that now shows is
 * logged and mailed once (the claim makes one reader of several do it), and forgotten. Never
 * throws: a read's answer does not depend on this.
 */
export async function settleUnconfirmedAdds(
  userId: string,
  methods: readonly Management.UserAuthenticationMethod[],
): Promise<void> {
  try {
    const entries = await read(userId);
    if (entries.length === 0) return;
    const now = Date.now();
    const shown = entries.filter((e) => methods.some((m) => m.key_id === e.keyId));
    const left = entries.filter((e) => e.until > now && !shown.includes(e));
    if (left.length === 0) await ttlStore().delete(slot(userId));
    else await ttlStore().set(slot(userId), JSON.stringify(left), UNCONFIRMED_WATCH_MS);
    for (const e of shown) {
      if (!(await ttlStore().claim(`${slot(userId)}:${e.keyId}`, '1', UNCONFIRMED_WATCH_MS))) {
        continue;
      }
      const method = methods.find((m) => m.key_id === e.keyId);
      const name = e.name ?? method?.name;
      const kind = e.kind === 'passkey' ? ('passkey' as const) : ('security-key' as const);
      log('info', 'webauthn_registered', {
        userId,
        methodId: method?.id ?? null,
        kind,
        late: true,
      });
      const change = {
        kind: e.kind === 'passkey' ? ('passkey_added' as const) : ('security_key_added' as const),
        userId,
        details: name ? { name } : {},
        // The activity row names what showed up, as for an add Auth0 confirmed at once.
        record: {
          kind: 'methodAdded' as const,
          methodId: method?.id ?? null,
          method: { kind, name: name ?? '' },
        },
      };
      await (e.actor
        ? runWithContext({ userId, actor: e.actor }, () => notifyChange(change))
        : notifyChange(change));
    }
  } catch {
    log('warn', 'unconfirmed_adds_not_settled', { userId });
  }
}
