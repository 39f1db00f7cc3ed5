// The Management API as Keyward calls it: the M2M token, the user read, and every call on a
// user's authentication methods, through the same `auth0` ManagementClient.

import { randomBytes } from 'node:crypto';
import { Management, ManagementClient } from 'auth0';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { KEYWARD_MANAGEMENT_SCOPES } from '@/lib/management/scopes';
import { verifiedCredential } from './authenticator';
import { audiences, describe as describeResponse, jwtClaims, postForm, redact } from './http';
import { describeFailure, Janitor, listMethods, type Method, outcome } from './management';
import { answer, contractTest, IS_REAL, type LiveTarget, openTarget } from './target';

const { NotFoundError, UnauthorizedError, ConflictError } = Management;

// What Keyward's M2M application must be granted: the one list the doctor and the README use.
const KEYWARD_SCOPES = KEYWARD_MANAGEMENT_SCOPES;

// The fields the Management API documents for passkeys only (OAS, CreateUserAuthenticationMethod).
const PASSKEY_ONLY_FIELDS = [
  'aaguid',
  'credential_device_type',
  'credential_backed_up',
  'identity_user_id',
  'user_agent',
  'user_handle',
  'transports',
] as const;

let target: LiveTarget;
let mgmt: ManagementClient;
let janitor: Janitor;

beforeAll(async () => {
  target = await openTarget();
  mgmt = target.management();
  janitor = new Janitor(target);
});
afterEach(async () => {
  await janitor?.sweep();
});
afterAll(async () => {
  await target?.close();
});

/** Keyward's security-key body (lib/webauthn/verify.ts): exactly these five fields. */
async function securityKeyBody(name = 'Contract key') {
  const credential = await verifiedCredential({
    origin: target.appOrigin ?? `https://${target.securityKeyRpId}`,
    rpId: target.securityKeyRpId,
    passkey: false,
  });
  return {
    credential,
    body: {
      type: 'webauthn-roaming' as const,
      name,
      key_id: janitor.track(credential.keyId),
      public_key: credential.publicKey,
      relying_party_identifier: target.securityKeyRpId,
    },
  };
}

/** Creates a security key as Keyward does; answers its id. */
async function createSecurityKey(name?: string): Promise<string> {
  const { body } = await securityKeyBody(name);
  const created = await mgmt.users.authenticationMethods.create(target.userId, body);
  expect(created.id).toEqual(expect.any(String));
  return created.id as string;
}

describe('M2M token and users', () => {
  contractTest('client credentials give a token for the management audience', [], async () => {
    const audience = `https://${target.managementDomain}/api/v2/`;
    const res = await postForm(
      target.fetch,
      `${target.origin(target.managementDomain)}/oauth/token`,
      {
        grant_type: 'client_credentials',
        client_id: target.m2m.clientId,
        client_secret: target.m2m.clientSecret,
        audience,
      },
    );
    expect(res.status, describeResponse(res)).toBe(200);
    expect(redact(res.body)).toMatchObject({
      access_token: '[redacted]',
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      scope: expect.any(String),
    });
    const scopes = String(res.body?.scope).split(' ');
    expect(KEYWARD_SCOPES.filter((s) => !scopes.includes(s))).toEqual([]);
    const claims = jwtClaims(res.body?.access_token);
    expect(audiences(claims)).toContain(audience);
    expect(claims?.gty).toBe('client-credentials');
    expect(claims?.azp).toBe(target.m2m.clientId);
    if (!IS_REAL) expect(res.body?.expires_in).toBe(86_400);
  });

  contractTest(
    "a token for the sign-in domain's audience is refused when it differs from the management domain",
    ['separateDomains'],
    async () => {
      // What Keyward would do if it built its ManagementClient from a custom sign-in domain.
      const res = await postForm(
        target.fetch,
        `${target.origin(target.signInDomain)}/oauth/token`,
        {
          grant_type: 'client_credentials',
          client_id: target.m2m.clientId,
          client_secret: target.m2m.clientSecret,
          audience: `https://${target.signInDomain}/api/v2/`,
        },
      );
      answer('custom-domain audience', describeResponse(res));
      expect(res.status, describeResponse(res)).toBe(403);
      expect(redact(res.body)).toMatchObject({ error: 'access_denied' });
      expect(res.body).not.toHaveProperty('access_token');

      const wrong = new ManagementClient({
        domain: target.signInDomain,
        clientId: target.m2m.clientId,
        clientSecret: target.m2m.clientSecret,
        fetch: target.fetch,
        maxRetries: 0,
      });
      await expect(wrong.users.get(target.userId)).rejects.toMatchObject({
        statusCode: 403,
        message: expect.stringContaining('token request failed'),
      });
    },
  );

  contractTest('an invalid bearer token is refused with 401', [], async () => {
    const bad = new ManagementClient({
      domain: target.managementDomain,
      token: 'not-a-token',
      fetch: target.fetch,
      maxRetries: 0,
    });
    await expect(bad.users.get(target.userId)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  contractTest('users.get returns the database identity of the user', [], async () => {
    // Keyward's call (lib/factors/get-factors.ts loadSnapshot).
    const user = await mgmt.users.get(target.userId, {
      fields: 'user_id,email,identities',
      include_fields: true,
    });
    expect(user.user_id).toBe(target.userId);
    const database = user.identities?.find((i) => `${i.provider}|${i.user_id}` === target.userId);
    expect(database, 'an identity whose provider|user_id is the user id').toMatchObject({
      provider: 'auth0',
      connection: expect.any(String),
      isSocial: false,
    });
    if (!IS_REAL) {
      expect(user.email).toBe('alice@example.com');
      expect(user.identities).toEqual([
        {
          provider: 'auth0',
          connection: 'Username-Password-Authentication',
          user_id: 'alice',
          isSocial: false,
        },
      ]);
    }
  });

  contractTest('users.get of an unknown user is 404', [], async () => {
    await expect(mgmt.users.get('auth0|contract-no-such-user')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe('authentication methods', () => {
  contractTest(
    'list: include_totals shape, page.data, and pagination across pages',
    [],
    async () => {
      // At least two methods, so one per page makes several pages.
      await createSecurityKey('Contract page 1');
      await createSecurityKey('Contract page 2');

      const first = await mgmt.users.authenticationMethods.list(target.userId, {
        page: 0,
        per_page: 100,
        include_totals: true,
      });
      const response = first.response as {
        start: number;
        limit: number;
        total: number;
        authenticators: Method[];
      };
      expect(response).toMatchObject({ start: 0, limit: 100, total: expect.any(Number) });
      expect(first.data).toEqual(response.authenticators);
      expect(response.total).toBe(first.data.length);
      expect(first.data.length).toBeGreaterThanOrEqual(2);
      if (!IS_REAL) {
        expect(first.data.map((m) => m.type)).toEqual([
          'password',
          'passkey',
          'webauthn-roaming',
          'totp',
          'webauthn-roaming',
          'webauthn-roaming',
        ]);
      }

      // One per page, by page number as Keyward asks, and by the SDK's own getNextPage().
      const all = first.data.map((m) => m.id);
      const byNumber: string[] = [];
      for (let page = 0; page < all.length; page++) {
        const one = await mgmt.users.authenticationMethods.list(target.userId, {
          page,
          per_page: 1,
          include_totals: true,
        });
        expect(one.response).toMatchObject({ start: page, limit: 1, total: all.length });
        byNumber.push(...one.data.map((m) => m.id));
      }
      expect(byNumber).toEqual(all);
      const beyond = await mgmt.users.authenticationMethods.list(target.userId, {
        page: all.length,
        per_page: 1,
        include_totals: true,
      });
      expect(beyond.data).toEqual([]);

      let page = await mgmt.users.authenticationMethods.list(target.userId, { per_page: 1 });
      const walked = [...page.data.map((m) => m.id)];
      while (page.hasNextPage()) {
        page = await page.getNextPage();
        walked.push(...page.data.map((m) => m.id));
      }
      expect(walked).toEqual(all);

      // Without include_totals the body is a bare array, which the SDK does not read.
      const bare = await mgmt.users.authenticationMethods.list(target.userId, {
        include_totals: false,
      });
      expect(Array.isArray(bare.response)).toBe(true);
      expect(bare.data).toEqual([]);
    },
  );

  contractTest(
    "a webauthn-roaming key with Keyward's five fields is created (201) and listed",
    [],
    async () => {
      const { body } = await securityKeyBody('Contract sec key');
      const created = await mgmt.users.authenticationMethods
        .create(target.userId, body)
        .withRawResponse();
      expect(created.rawResponse.status).toBe(201);
      const method = created.data;
      // What Keyward reads back: the id (to find the new row in the list) and the type.
      expect(method).toMatchObject({
        id: expect.stringMatching(/^webauthn-roaming\|/),
        type: 'webauthn-roaming',
        created_at: expect.any(String),
      });
      if (!IS_REAL) {
        expect(method).toMatchObject({
          name: body.name,
          key_id: body.key_id,
          public_key: body.public_key,
          relying_party_identifier: body.relying_party_identifier,
        });
      }
      // No aaguid on a key created without one: what the local tenant does; on Auth0, an answer.
      if (IS_REAL)
        answer('aaguid on a new security key', 'aaguid' in method ? 'present' : 'absent');
      else expect(method).not.toHaveProperty('aaguid');

      const listed = (await listMethods(mgmt, target.userId)).find((m) => m.id === method.id);
      // Keyward shows the name and refuses a second registration of the same key_id.
      expect(listed).toMatchObject({
        type: 'webauthn-roaming',
        name: body.name,
        key_id: body.key_id,
      });
      if (!IS_REAL) {
        expect(listed).not.toHaveProperty('aaguid');
        expect(listed).toMatchObject({
          public_key: body.public_key,
          relying_party_identifier: body.relying_party_identifier,
        });
        for (const field of PASSKEY_ONLY_FIELDS.filter((f) => f !== 'identity_user_id')) {
          expect(listed, `a security key has no ${field}`).not.toHaveProperty(field);
        }
      }
      expect(
        await mgmt.users.authenticationMethods.get(target.userId, method.id as string),
      ).toMatchObject({
        id: method.id,
        key_id: body.key_id,
      });
    },
  );

  contractTest('the same key id twice is a 409 conflict', [], async () => {
    const { body } = await securityKeyBody('Contract duplicate');
    await mgmt.users.authenticationMethods.create(target.userId, body);
    const again = await outcome(mgmt.users.authenticationMethods.create(target.userId, body));
    expect(again.ok ? 'accepted' : describeFailure(again)).toMatch(/^409/);
    if (!again.ok) expect(again.error).toBeInstanceOf(ConflictError);
  });

  contractTest('update renames a security key (200) and the list shows the name', [], async () => {
    const id = await createSecurityKey('Contract before');
    const updated = await mgmt.users.authenticationMethods
      .update(target.userId, id, { name: 'Contract after' })
      .withRawResponse();
    expect(updated.rawResponse.status).toBe(200);
    expect(updated.data).toMatchObject({ id, name: 'Contract after' });
    const listed = (await listMethods(mgmt, target.userId)).find((m) => m.id === id);
    expect(listed?.name).toBe('Contract after');
  });

  // Keyward caps names at 20 UTF-16 units (lib/factors/name-rules.ts), within either answer; a
  // name Auth0 still refuses is handled like any "name not saved".
  contractTest(
    'UNCONFIRMED Q9: does Auth0 accept a 21-character name on create and on PATCH?',
    [],
    async () => {
      const long = 'Contract name of 21c!';
      expect([...long]).toHaveLength(21);
      const { body } = await securityKeyBody(long);
      const created = await outcome(mgmt.users.authenticationMethods.create(target.userId, body));
      const id = await createSecurityKey('Contract Q9 twenty!!');
      const renamed = await outcome(
        mgmt.users.authenticationMethods.update(target.userId, id, { name: long }),
      );
      const said = (r: typeof created | typeof renamed) =>
        r.ok ? 'accepted' : `refused ${describeFailure(r)}`;
      answer('Q9 21-character name', `create: ${said(created)}; PATCH: ${said(renamed)}`);
      if (IS_REAL) return;
      // The local tenant gives the stricter answer: refused both ways, in Auth0's error shape.
      for (const result of [created, renamed]) {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.body).toMatchObject({
            statusCode: 400,
            error: 'Bad Request',
            errorCode: 'invalid_body',
          });
        }
      }
      // Twenty is accepted, and kept whole.
      const listed = (await listMethods(mgmt, target.userId)).find((m) => m.id === id);
      expect(listed?.name).toBe('Contract Q9 twenty!!');
    },
  );

  contractTest('delete answers 204; a second delete and a get answer 404', [], async () => {
    const id = await createSecurityKey('Contract delete');
    const deleted = await mgmt.users.authenticationMethods
      .delete(target.userId, id)
      .withRawResponse();
    expect(deleted.rawResponse.status).toBe(204);
    expect((await listMethods(mgmt, target.userId)).map((m) => m.id)).not.toContain(id);
    await expect(mgmt.users.authenticationMethods.delete(target.userId, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(mgmt.users.authenticationMethods.get(target.userId, id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  contractTest('an unknown method id is 404 for get and delete', [], async () => {
    const unknown = 'webauthn-roaming|dev_contractNoSuchMethod';
    await expect(
      mgmt.users.authenticationMethods.get(target.userId, unknown),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      mgmt.users.authenticationMethods.delete(target.userId, unknown),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('open questions', () => {
  // Keyward stays safe either way: if Auth0 refuses, the add fails with an error and nothing is
  // saved; enrolment of passkeys goes through the My Account API, where Auth0 picks the RP ID.
  contractTest(
    'UNCONFIRMED Q1: a passkey created through the Management API exists and is listed',
    [],
    async () => {
      const credential = await verifiedCredential({
        origin: target.appOrigin ?? `https://${target.securityKeyRpId}`,
        rpId: target.securityKeyRpId,
        passkey: true,
      });
      const body = {
        type: 'passkey' as const,
        name: 'Contract passkey',
        key_id: janitor.track(credential.keyId),
        public_key: credential.publicKey,
        aaguid: credential.aaguid,
        credential_device_type: credential.deviceType,
        credential_backed_up: credential.backedUp,
        transports: credential.transports,
        user_agent: 'Chrome 131.0.0 / Mac OS X 10.15.7',
        user_handle: randomBytes(32).toString('base64url'),
      };
      const result = await outcome(
        mgmt.users.authenticationMethods.create(target.userId, body).withRawResponse(),
      );
      if (!result.ok) {
        answer('Q1 Management passkey create', `refused ${describeFailure(result)}`);
        expect(IS_REAL, 'the local tenant creates passkeys').toBe(true);
        expect(result.status, 'a refusal is 400 or 403').toBeOneOf([400, 403]);
        return;
      }
      expect(result.value.rawResponse.status).toBe(201);
      const listed = (await listMethods(mgmt, target.userId)).find(
        (m) => m.key_id === credential.keyId,
      );
      answer(
        'Q1 Management passkey create',
        listed ? `201 created, listed as type ${listed.type}` : '201 created, NOT listed',
      );
      expect(listed, 'the created passkey is listed').toBeDefined();
      expect(listed).toMatchObject({
        // The `passkey|` prefix only locally: Keyward reads the type, not the id.
        id: IS_REAL ? expect.any(String) : expect.stringMatching(/^passkey\|/),
        type: 'passkey',
        key_id: body.key_id,
        public_key: body.public_key,
      });
      if (!IS_REAL) {
        expect(listed).toMatchObject({
          name: body.name,
          aaguid: body.aaguid,
          credential_device_type: 'multi_device',
          credential_backed_up: true,
          transports: body.transports,
          user_agent: body.user_agent,
          user_handle: body.user_handle,
          identity_user_id: 'alice',
          created_at: expect.any(String),
        });
      }
    },
  );

  // Keyward counts a password only from this entry; without it the user is treated as having no
  // password, so it never lets someone remove what might be their last way in.
  contractTest(
    'UNCONFIRMED Q2: the list has a password entry for a database user with a password',
    [],
    async () => {
      const passwords = (await listMethods(mgmt, target.userId)).filter(
        (m) => m.type === 'password',
      );
      answer(
        'Q2 password entry',
        passwords.length > 0
          ? `present (${passwords.length}, id ${passwords[0]?.id.split('|')[0]}|…)`
          : 'absent',
      );
      expect(passwords.length).toBeLessThanOrEqual(1);
      if (passwords[0]) {
        expect(passwords[0]).toMatchObject({
          id: expect.stringMatching(/^password\|/),
          type: 'password',
          created_at: expect.any(String),
        });
      }
      if (!IS_REAL) {
        expect(passwords).toEqual([
          expect.objectContaining({
            id: expect.stringMatching(/^password\|/),
            type: 'password',
            identity_user_id: 'alice',
          }),
        ]);
      }
    },
  );

  // Keyward sends only the five documented fields for a security key, so either answer is safe.
  contractTest(
    'UNCONFIRMED Q6: passkey-only fields on webauthn-roaming are refused',
    [],
    async () => {
      const { body } = await securityKeyBody('Contract roaming+pk');
      const withPasskeyFields = {
        ...body,
        aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
        credential_device_type: 'single_device' as const,
        credential_backed_up: false,
        user_handle: randomBytes(32).toString('base64url'),
        user_agent: 'Chrome 131.0.0 / Mac OS X 10.15.7',
        transports: ['usb'],
      };
      const result = await outcome(
        mgmt.users.authenticationMethods.create(target.userId, withPasskeyFields),
      );
      if (result.ok) {
        const listed = (await listMethods(mgmt, target.userId)).find(
          (m) => m.key_id === body.key_id,
        );
        const kept = PASSKEY_ONLY_FIELDS.filter((f) => listed && f in listed);
        answer(
          'Q6 passkey fields on webauthn-roaming',
          `201 accepted, kept: ${kept.join(', ') || 'none'}`,
        );
        expect(IS_REAL, 'the local tenant refuses them').toBe(true);
        expect(listed?.type).toBe('webauthn-roaming');
        return;
      }
      answer('Q6 passkey fields on webauthn-roaming', `refused ${describeFailure(result)}`);
      expect(result.status).toBe(400);
      if (!IS_REAL) {
        expect(result.body).toMatchObject({
          statusCode: 400,
          error: 'Bad Request',
          errorCode: 'invalid_body',
        });
      }
      expect((await listMethods(mgmt, target.userId)).map((m) => m.key_id)).not.toContain(
        body.key_id,
      );
    },
  );

  // Keyward reads snake_case (key_id, relying_party_identifier, credential_device_type...).
  contractTest('UNCONFIRMED Q7: authentication method fields are snake_case', [], async () => {
    await createSecurityKey('Contract casing');
    const methods = await listMethods(mgmt, target.userId);
    const keys = [...new Set(methods.flatMap((m) => Object.keys(m)))].sort();
    const other = keys.filter((k) => !/^[a-z][a-z0-9_]*$/.test(k));
    answer(
      'Q7 field casing',
      other.length === 0
        ? `snake_case (${keys.join(', ')})`
        : `NOT snake_case: ${other.join(', ')}`,
    );
    expect(other).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(['id', 'type', 'created_at', 'key_id']));
  });
});
