import 'server-only';
import {
  convertAAGUIDToString,
  decodeAttestationObject,
  isoBase64URL,
  parseAuthenticatorData,
} from '@simplewebauthn/server/helpers';
import { deviceName } from '@/lib/authenticators/device-name';
import { providerName } from '@/lib/authenticators/provider-name';
import { MAX_NAME_LENGTH } from '@/lib/factors/name-rules';
import type { Locale } from '@/lib/i18n/config';
import { localizeServerText, serverText } from '@/lib/i18n/server-text';
import type { AddKind } from './challenge-cookie';

const MAX_NAME = MAX_NAME_LENGTH;

/**
 * The name a new key gets unless the user types another: the provider from the AAGUID
 * ("Google Password Manager", "YubiKey 5 Series"), else, for a passkey, the browser and OS it was
 * created in ("Chrome on Linux"), else a plain noun. A security key is a thing in the person's
 * hand that works in any browser, so it is never named after the browser it was added from.
 * Always 1–20 UTF-16 units, like every stored name. In `locale`'s words ("Sicherheitsschlüssel",
 * "Chrome unter Linux"); a provider's name stays as it is. The name-suggestion route answers in
 * English, which the page translates into its own language (it may differ from the request's).
 */
export function suggestName(
  kind: AddKind,
  aaguid: string | null,
  userAgent: string | null,
  locale: Locale = 'en',
): string {
  const device = kind === 'passkey' ? deviceName(userAgent) : null;
  const name =
    providerName(aaguid) ??
    (device ? localizeServerText(device, locale, { only: ['device'] }) : null) ??
    serverText(kind === 'passkey' ? 'kindPasskey' : 'kindSecurityKey', locale);
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/**
 * The AAGUID in an (unverified) attestation object, or null. Used only to suggest a display
 * name before the response is verified and stored; nothing here is trusted or kept.
 */
export function aaguidOf(attestationObject: string): string | null {
  try {
    const decoded = decodeAttestationObject(isoBase64URL.toBuffer(attestationObject));
    const { aaguid } = parseAuthenticatorData(decoded.get('authData'));
    return aaguid ? convertAAGUIDToString(aaguid) : null;
  } catch {
    return null;
  }
}
