import 'server-only';
import { listMethods } from './get-factors';

/**
 * What `PublicKeyCredential.signalAllAcceptedCredentials` needs after a revoke, so password
 * managers hide the removed passkey. Served on its own, to the signed-in user only, because the
 * general list must never carry credential ids or user handles. Neither is a secret from the
 * person who owns them, and neither lets anyone sign in.
 *
 * The signal is a whole list: the browser hides every passkey of that RP ID and user handle that
 * is not in it. A wrong id (another encoding, a passkey Keyward cannot place) would hide a passkey
 * that still works, so unless every passkey can be placed exactly, nothing is signalled at all.
 */
export type AcceptedCredentials = {
  /** One per (RP ID, user handle): the browser's `rpId` and `userId` for one signal. */
  groups: {
    rpId: string;
    userHandle: string;
    /** factorId lets the page drop the credential it has just removed. */
    credentials: { factorId: string; credentialId: string }[];
  }[];
};

/** The browser reports credential ids and user handles as unpadded base64url; nothing else fits. */
export function isCanonicalBase64Url(value: string | undefined): value is string {
  if (!value || !/^[A-Za-z0-9_-]+$/.test(value)) return false;
  return Buffer.from(value, 'base64url').toString('base64url') === value;
}

type PasskeyFields = {
  id: string;
  type: string;
  key_id?: string | undefined;
  user_handle?: string | undefined;
  relying_party_identifier?: string | undefined;
};

/** Groups the user's passkeys for the signal, or none when any passkey cannot be placed. */
export function groupPasskeys(methods: readonly PasskeyFields[]): AcceptedCredentials {
  const groups = new Map<string, AcceptedCredentials['groups'][number]>();
  for (const m of methods) {
    if (m.type !== 'passkey') continue;
    const rpId = m.relying_party_identifier;
    if (!rpId || !isCanonicalBase64Url(m.key_id) || !isCanonicalBase64Url(m.user_handle)) {
      return { groups: [] };
    }
    const key = `${rpId}\n${m.user_handle}`;
    const group = groups.get(key) ?? { rpId, userHandle: m.user_handle, credentials: [] };
    group.credentials.push({ factorId: m.id, credentialId: m.key_id });
    groups.set(key, group);
  }
  return { groups: [...groups.values()] };
}

export async function getAcceptedCredentials(userId: string): Promise<AcceptedCredentials> {
  return groupPasskeys(await listMethods(userId));
}
