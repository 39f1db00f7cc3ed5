import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { addPasskeyBodySchema } from '@/lib/webauthn/schemas';
import { createRegistration } from '@/lib/webauthn/test-authenticator';
import { limitError, noDatabaseIdentity, PASSKEY_LIMIT, toAuthnResponse } from './enrol';

// The fields Auth0's My Account API accepts in `authn_response` (AuthenticatorAttestationResponse
// and AuthenticatorAttestationResponseData, the latter with additionalProperties: false).
const TOP_LEVEL = [
  'id',
  'rawId',
  'type',
  'authenticatorAttachment',
  'clientExtensionResults',
  'response',
];
const RESPONSE = ['clientDataJSON', 'attestationObject', 'transports'];

/** What @simplewebauthn/browser's startRegistration() resolves to for a synced passkey. */
const browserResponse = (): RegistrationResponseJSON =>
  createRegistration({
    challenge: 'Y2hhbGxlbmdlLWZyb20tYXV0aDA',
    origin: 'http://localhost:3000',
    rpId: 'localhost',
    be: true,
    bs: true,
    attachment: 'platform',
    transports: ['internal', 'hybrid'],
  });

describe('toAuthnResponse', () => {
  it('keeps exactly the fields Auth0 verify allows, values unchanged', () => {
    const response = browserResponse();
    const sent = toAuthnResponse(response);
    expect(sent).toEqual({
      id: response.id,
      rawId: response.rawId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: response.response.clientDataJSON,
        attestationObject: response.response.attestationObject,
        transports: ['internal', 'hybrid'],
      },
    });
    for (const key of Object.keys(sent)) expect(TOP_LEVEL).toContain(key);
    for (const key of Object.keys(sent.response)) expect(RESPONSE).toContain(key);
  });

  it('drops publicKey, publicKeyAlgorithm and authenticatorData that the browser adds', () => {
    const response = browserResponse();
    // The fixture really carries them, as @simplewebauthn/browser's output does.
    expect(response.response).toMatchObject({
      publicKey: expect.any(String),
      publicKeyAlgorithm: -7,
      authenticatorData: expect.any(String),
    });
    const sent = toAuthnResponse(response).response;
    expect(sent).not.toHaveProperty('publicKey');
    expect(sent).not.toHaveProperty('publicKeyAlgorithm');
    expect(sent).not.toHaveProperty('authenticatorData');
    // Nor any assertion-only field that the nextjs-auth0 type would permit.
    expect(sent).not.toHaveProperty('signature');
    expect(sent).not.toHaveProperty('userHandle');
  });

  it('leaves out the optional fields the browser did not send', () => {
    const { authenticatorAttachment: _a, ...rest } = browserResponse();
    const { transports: _t, ...inner } = rest.response;
    const sent = toAuthnResponse({ ...rest, response: inner });
    expect(sent).not.toHaveProperty('authenticatorAttachment');
    expect(sent.response).not.toHaveProperty('transports');
    expect(Object.keys(sent.response).sort()).toEqual(['attestationObject', 'clientDataJSON']);
  });

  it('passes the client extension results on as a copy', () => {
    const response = {
      ...browserResponse(),
      clientExtensionResults: { credProps: { rk: true } },
    };
    const sent = toAuthnResponse(response);
    expect(sent.clientExtensionResults).toEqual({ credProps: { rk: true } });
    expect(sent.clientExtensionResults).not.toBe(response.clientExtensionResults);
  });

  it('does not change the response it was given', () => {
    const response = browserResponse();
    const before = structuredClone(response);
    toAuthnResponse(response);
    expect(response).toEqual(before);
  });
});

describe('passkey enrolment refusals', () => {
  it(`stops at Auth0's limit of ${PASSKEY_LIMIT} passkeys with 409 passkey_limit`, () => {
    expect(PASSKEY_LIMIT).toBe(20);
    expect(limitError()).toMatchObject({
      status: 409,
      code: 'passkey_limit',
      message: expect.stringMatching(/20 passkeys/),
    });
  });

  it('refuses accounts without a database identity with 409 passkeys_unavailable', () => {
    expect(noDatabaseIdentity()).toMatchObject({ status: 409, code: 'passkeys_unavailable' });
  });
});

describe('addPasskeyBodySchema', () => {
  const response = (
    over: Partial<Record<'id' | 'clientDataJSON' | 'attestationObject', string>>,
  ) => ({
    response: {
      id: over.id ?? 'AAAA',
      rawId: over.id ?? 'AAAA',
      type: 'public-key',
      response: {
        clientDataJSON: over.clientDataJSON ?? 'eyJ9',
        attestationObject: over.attestationObject ?? 'o2Nm',
      },
    },
  });

  it('takes what Auth0 accepts', () => {
    expect(addPasskeyBodySchema.safeParse(response({})).success).toBe(true);
  });

  it.each([
    ['id', { id: 'A'.repeat(1365) }],
    ['clientDataJSON', { clientDataJSON: 'A'.repeat(1001) }],
    ['attestationObject', { attestationObject: 'A'.repeat(2001) }],
  ])('refuses a %s longer than Auth0 accepts, before the ceremony is spent', (field, over) => {
    const parsed = addPasskeyBodySchema.safeParse(response(over));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.at(-1)).toBe(field);
  });
});
