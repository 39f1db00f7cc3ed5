import { describe, expect, it } from 'vitest';
import { evaluateRemoval, type PolicyMethod, type PolicyState, REASONS } from './policy';
import type { FactorKind, Identity } from './types';

const method = (id: string, kind: FactorKind, extra: Partial<PolicyMethod> = {}): PolicyMethod => ({
  id,
  kind,
  confirmed: true,
  linkId: null,
  ...extra,
});
const DATABASE: Identity = {
  provider: 'auth0',
  connection: 'Username-Password-Authentication',
  isSocial: false,
};
const GOOGLE: Identity = { provider: 'google-oauth2', connection: 'google-oauth2', isSocial: true };
const SAML: Identity = { provider: 'samlp', connection: 'acme-sso', isSocial: false };
const OFF = { requireMfa: false, emailResetIsFallback: false };

type Mfa = 'none' | 'totp' | 'totp+key';
type Combo = {
  passkeys: 0 | 1 | 2;
  password: boolean;
  social: boolean;
  mfa: Mfa;
  requireMfa: boolean;
  emailResetIsFallback: boolean;
};

function build(c: Combo): PolicyState {
  const methods: PolicyMethod[] = [];
  for (let i = 0; i < c.passkeys; i++) methods.push(method(`passkey|${i}`, 'passkey'));
  if (c.password) methods.push(method('password|1', 'password'));
  if (c.mfa !== 'none') methods.push(method('totp|1', 'totp'));
  if (c.mfa === 'totp+key') methods.push(method('webauthn-roaming|1', 'security-key'));
  return { methods, identities: c.social ? [DATABASE, GOOGLE] : [DATABASE], hasEmail: true };
}

// The rule restated plainly, independent of the implementation's counting.
function expected(c: Combo, kind: FactorKind): string | null {
  if (kind === 'password') return REASONS.password;
  if (kind === 'passkey') {
    const otherWays = c.passkeys - 1 + (c.password ? 1 : 0);
    const fallback = c.social || c.emailResetIsFallback;
    return otherWays > 0 || fallback ? null : REASONS.lastPasskey;
  }
  const secondFactors = c.mfa === 'totp+key' ? 2 : 1;
  return c.requireMfa && secondFactors === 1 ? REASONS.lastSecondFactor : null;
}

const combos: Combo[] = [];
for (const passkeys of [0, 1, 2] as const)
  for (const password of [false, true])
    for (const social of [false, true])
      for (const mfa of ['none', 'totp', 'totp+key'] as const)
        for (const requireMfa of [false, true])
          for (const emailResetIsFallback of [false, true])
            combos.push({ passkeys, password, social, mfa, requireMfa, emailResetIsFallback });

describe('evaluateRemoval: every combination', () => {
  const rows = combos.flatMap((c) => build(c).methods.map((m) => ({ c, target: m })));
  it.each(rows)('$c → remove $target.id', ({ c, target }) => {
    const decision = evaluateRemoval(target, build(c), c);
    const reason = expected(c, target.kind);
    if (reason === null) expect(decision).toEqual({ allowed: true });
    else
      expect(decision).toEqual({
        allowed: false,
        code: target.kind === 'password' ? 'not_removable' : 'last_factor',
        reason,
      });
  });
});

describe('evaluateRemoval: demo users and edge cases', () => {
  it('alice (password, GPM passkey, security key, totp) may remove her passkey', () => {
    const passkey = method('passkey|gpm', 'passkey');
    const state: PolicyState = {
      methods: [
        passkey,
        method('password|1', 'password'),
        method('wr|1', 'security-key'),
        method('totp|1', 'totp'),
      ],
      identities: [DATABASE],
      hasEmail: true,
    };
    expect(evaluateRemoval(passkey, state, OFF)).toEqual({ allowed: true });
  });

  it('dana (database passkey, linked Google) may remove her only passkey', () => {
    const passkey = method('passkey|d', 'passkey');
    const state: PolicyState = {
      methods: [passkey],
      identities: [DATABASE, GOOGLE],
      hasEmail: true,
    };
    expect(evaluateRemoval(passkey, state, OFF).allowed).toBe(true);
  });

  it.each([
    ['email', 'email'],
    ['sms', 'sms'],
  ])(
    'a passwordless %s identity is a fallback only under EMAIL_RESET_IS_FALLBACK',
    (provider, connection) => {
      const passkey = method('passkey|1', 'passkey');
      const passwordless: Identity = { provider, connection, isSocial: false };
      const state: PolicyState = {
        methods: [passkey],
        identities: [DATABASE, passwordless],
        hasEmail: false,
      };
      expect(evaluateRemoval(passkey, state, OFF)).toMatchObject({ code: 'last_factor' });
      const knobs = { requireMfa: false, emailResetIsFallback: true };
      expect(evaluateRemoval(passkey, state, knobs).allowed).toBe(true);
    },
  );

  it('counts an enterprise identity as a way to sign in', () => {
    const passkey = method('passkey|1', 'passkey');
    const state: PolicyState = { methods: [passkey], identities: [DATABASE, SAML], hasEmail: true };
    expect(evaluateRemoval(passkey, state, OFF).allowed).toBe(true);
  });

  it('a security key is not a way to sign in on its own', () => {
    const passkey = method('passkey|1', 'passkey');
    const state: PolicyState = {
      methods: [passkey, method('wr|1', 'security-key')],
      identities: [DATABASE],
      hasEmail: true,
    };
    expect(evaluateRemoval(passkey, state, OFF)).toMatchObject({ code: 'last_factor' });
  });

  it('the email-reset knob needs a database identity with an email address', () => {
    const passkey = method('passkey|1', 'passkey');
    const knobs = { requireMfa: false, emailResetIsFallback: true };
    const noEmail: PolicyState = { methods: [passkey], identities: [DATABASE], hasEmail: false };
    const noDatabase: PolicyState = { methods: [passkey], identities: [], hasEmail: true };
    expect(evaluateRemoval(passkey, noEmail, knobs).allowed).toBe(false);
    expect(evaluateRemoval(passkey, noDatabase, knobs).allowed).toBe(false);
  });

  it('an unconfirmed passkey is no fallback, and removing one is always allowed', () => {
    const real = method('passkey|1', 'passkey');
    const pending = method('passkey|2', 'passkey', { confirmed: false });
    const state: PolicyState = { methods: [real, pending], identities: [DATABASE], hasEmail: true };
    expect(evaluateRemoval(real, state, OFF).allowed).toBe(false);
    expect(evaluateRemoval(pending, state, OFF).allowed).toBe(true);
  });

  it('counts methods Auth0 deletes together through link_id as going', () => {
    const a = method('passkey|1', 'passkey');
    const b = method('passkey|2', 'passkey', { linkId: 'passkey|1' });
    const state: PolicyState = { methods: [a, b], identities: [DATABASE], hasEmail: true };
    expect(evaluateRemoval(a, state, OFF).allowed).toBe(false);
    expect(evaluateRemoval(b, state, OFF).allowed).toBe(false);
  });

  it('recovery codes neither count as nor need a second factor', () => {
    const codes = method('rc|1', 'recovery-code');
    const totp = method('totp|1', 'totp');
    const state: PolicyState = {
      methods: [method('password|1', 'password'), totp, codes],
      identities: [DATABASE],
      hasEmail: true,
    };
    const knobs = { requireMfa: true, emailResetIsFallback: false };
    expect(evaluateRemoval(codes, state, knobs).allowed).toBe(true);
    expect(evaluateRemoval(totp, state, knobs)).toMatchObject({ reason: REASONS.lastSecondFactor });
  });

  it('phone, email and push count as second factors', () => {
    for (const kind of ['phone', 'email', 'push'] as const) {
      const other = method(`${kind}|1`, kind);
      const totp = method('totp|1', 'totp');
      const state: PolicyState = { methods: [other, totp], identities: [DATABASE], hasEmail: true };
      expect(
        evaluateRemoval(totp, state, { requireMfa: true, emailResetIsFallback: false }).allowed,
      ).toBe(true);
    }
  });
});

describe('recovery codes (contract Q10, Q11)', () => {
  const code = method('recovery-code|1', 'recovery-code');

  it('are not a way to sign in: the last passkey stays blocked with a recovery code', () => {
    const state: PolicyState = {
      methods: [method('passkey|1', 'passkey'), code],
      identities: [DATABASE],
      hasEmail: true,
    };
    expect(evaluateRemoval(method('passkey|1', 'passkey'), state, OFF)).toMatchObject({
      allowed: false,
      code: 'last_factor',
    });
  });

  it('do not stand in for the last second step under REQUIRE_MFA', () => {
    const state: PolicyState = {
      methods: [method('password|1', 'password'), method('totp|1', 'totp'), code],
      identities: [DATABASE],
      hasEmail: true,
    };
    const knobs = { requireMfa: true, emailResetIsFallback: false };
    expect(evaluateRemoval(method('totp|1', 'totp'), state, knobs)).toMatchObject({
      allowed: false,
      reason: REASONS.lastSecondFactor,
    });
  });

  it('can themselves be removed: nothing depends on them', () => {
    const state: PolicyState = {
      methods: [method('password|1', 'password'), method('totp|1', 'totp'), code],
      identities: [DATABASE],
      hasEmail: true,
    };
    expect(evaluateRemoval(code, state, { requireMfa: true, emailResetIsFallback: false })).toEqual(
      { allowed: true },
    );
  });
});
