import type { MethodView } from '../store/methods';

/** A method in the My Account API's `AuthenticationMethod` shape (unset fields omitted). */
export type MyAccountMethod = Record<string, unknown> & { id: string; type: string };

function pick(view: MethodView, fields: readonly (keyof MethodView)[]): Record<string, unknown> {
  return Object.fromEntries(fields.flatMap((f) => (view[f] === undefined ? [] : [[f, view[f]]])));
}

/**
 * Maps a stored method (Management API shape) to the My Account shape. The differences are the
 * API's: `usage` (passkeys and passwords are primary, MFA factors secondary), `relying_party_id`
 * for `relying_party_identifier`, `confirmed` on MFA factors, and no `name` on passkeys.
 */
export function toMyAccountMethod(view: MethodView): MyAccountMethod {
  const base = { id: view.id, type: view.type, created_at: view.created_at };
  switch (view.type) {
    case 'password':
      return { ...base, usage: ['primary'], ...pick(view, ['identity_user_id']) };
    case 'passkey':
      return {
        ...base,
        usage: ['primary'],
        ...pick(view, [
          'credential_backed_up',
          'credential_device_type',
          'identity_user_id',
          'key_id',
          'public_key',
          'transports',
          'user_agent',
          'user_handle',
          'aaguid',
        ]),
        ...(view.relying_party_identifier
          ? { relying_party_id: view.relying_party_identifier }
          : {}),
        ...pick(view, ['last_auth_at']),
      };
    case 'webauthn-roaming':
    case 'webauthn-platform':
      return {
        ...base,
        usage: ['secondary'],
        confirmed: true,
        ...pick(view, ['name', 'key_id', 'public_key', 'last_auth_at']),
      };
    case 'phone':
      return {
        ...base,
        usage: ['secondary'],
        confirmed: true,
        ...pick(view, ['name', 'phone_number', 'last_auth_at']),
        preferred_authentication_method: view.preferred_authentication_method ?? 'sms',
      };
    default:
      // totp, email and the other MFA factors.
      return {
        ...base,
        usage: ['secondary'],
        confirmed: true,
        ...pick(view, ['name', 'email', 'last_auth_at']),
      };
  }
}
