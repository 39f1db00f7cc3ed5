import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BACKCHANNEL_LOGOUT_EVENT,
  checkLogoutToken,
  KeysUnavailableError,
  tellingUnreachable,
} from './logout-token';

const expected = { issuer: 'https://tenant.example/', clientId: 'app' };
const NOW = 1_800_000_000_000;
const now = () => NOW;
let tenantKey: CryptoKey;
let otherKey: CryptoKey;
let getKey: Parameters<typeof checkLogoutToken>[2];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  tenantKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  getKey = createLocalJWKSet({ keys: [jwk] }) as typeof getKey;
});

const good = (): JWTPayload => ({
  iss: expected.issuer,
  aud: expected.clientId,
  iat: NOW / 1000,
  exp: NOW / 1000 + 120,
  jti: 'jti-1',
  sid: 'sid-1',
  sub: 'auth0|alice',
  events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
});

async function sign(payload: JWTPayload, key = tenantKey, alg = 'RS256'): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, kid: 'k1' }).sign(key);
}

const check = (token: string) => checkLogoutToken(token, expected, getKey, now);

describe('logout tokens', () => {
  it('accepts a good one, remembered until it could no longer be accepted', async () => {
    const result = await check(await sign(good()));
    expect(result).toMatchObject({
      ok: true,
      claims: { sid: 'sid-1', sub: 'auth0|alice', iss: expected.issuer },
    });
    // iat + 300 s + 60 s skew.
    if (result.ok) expect(result.replayTtlMs).toBe(360_000);
  });

  const unsigned = (payload: JWTPayload) =>
    `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
  const without = (name: string) => {
    const p = good();
    delete p[name];
    return p;
  };
  const cases: [string, () => Promise<string>][] = [
    ['unsigned (alg none)', async () => unsigned(good())],
    ['signed by another key', () => sign(good(), otherKey)],
    ['wrong aud', () => sign({ ...good(), aud: 'other-app' })],
    ['wrong iss', () => sign({ ...good(), iss: 'https://evil.example/' })],
    ['no events', () => sign(without('events'))],
    ['events without the logout member', () => sign({ ...good(), events: { other: {} } })],
    ['a nonce', () => sign({ ...good(), nonce: 'n' })],
    ['no iat', () => sign(without('iat'))],
    ['expired', () => sign({ ...good(), iat: NOW / 1000 - 200, exp: NOW / 1000 - 80 })],
    ['iat too old', () => sign({ ...good(), iat: NOW / 1000 - 400, exp: undefined })],
    ['iat in the future', () => sign({ ...good(), iat: NOW / 1000 + 600, exp: undefined })],
    ['neither sid nor sub', () => sign({ ...without('sid'), sub: undefined })],
    ['garbage', async () => 'not.a.token'],
  ];
  it.each(cases)('refuses one with %s', async (_label, make) => {
    expect(await check(await make())).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('remembers a token without jti by sid and iat', async () => {
    const a = await check(await sign(without('jti')));
    const b = await check(await sign({ ...without('jti'), iat: NOW / 1000 - 1 }));
    expect(a.ok && b.ok && a.replayKey !== b.replayKey).toBe(true);
  });

  it('tells a tenant that cannot be asked from a bad token', async () => {
    const down = tellingUnreachable(async () => {
      throw new TypeError('fetch failed');
    }) as typeof getKey;
    expect(await checkLogoutToken(await sign(good()), expected, down, now)).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
    expect(new KeysUnavailableError('x')).toBeInstanceOf(Error);
  });
});
