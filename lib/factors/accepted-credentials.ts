import 'server-only';
import { getEnv } from '@/lib/env';
import { listMethods } from './get-factors';
import { kindOfType } from './kinds';

/**
 * What `PublicKeyCredential.signalAllAcceptedCredentials` needs after a revoke, so password
 * managers hide the removed passkey. Served on its own, to the signed-in user only, because the
 * general list must never carry credential ids or user handles. Neither is a secret from the
 * person who owns them, and neither lets anyone sign in.
 */
export type AcceptedCredentials = {
  rpId: string;
  /** Every WebAuthn user handle (base64url) the user's credentials were registered under. */
  userHandles: string[];
  /** factorId lets the page drop the credential it has just removed. */
  credentials: { factorId: string; credentialId: string }[];
};

// The Signal API wants base64url; tolerate standard base64 in data written by other tools.
function toBase64Url(value: string): string {
  return value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function getAcceptedCredentials(userId: string): Promise<AcceptedCredentials> {
  const { rpId } = getEnv().webauthn;
  const methods = await listMethods(userId);
  const ours = methods.filter((m) => {
    const kind = kindOfType(m.type);
    const rp = m.relying_party_identifier;
    return (kind === 'passkey' || kind === 'security-key') && (!rp || rp === rpId);
  });
  const userHandles = new Set<string>();
  const credentials: AcceptedCredentials['credentials'] = [];
  for (const m of ours) {
    if (m.user_handle) userHandles.add(toBase64Url(m.user_handle));
    if (m.key_id) credentials.push({ factorId: m.id, credentialId: toBase64Url(m.key_id) });
  }
  return { rpId, userHandles: [...userHandles], credentials };
}
