import { describe, expect, it } from 'vitest';
import { primaryStep, protectionDrop, runCheckup, STALE_AFTER_DAYS } from './checkup';
import type { Factor, FactorKind, FactorsView, Identity } from './types';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const OFF = { requireMfa: false, emailResetIsFallback: false };
const DATABASE: Identity = {
  provider: 'auth0',
  connection: 'Username-Password-Authentication',
  isSocial: false,
};
const GOOGLE: Identity = { provider: 'google-oauth2', connection: 'google-oauth2', isSocial: true };

function factor(id: string, kind: FactorKind, extra: Partial<Factor> = {}): Factor {
  return {
    id,
    kind,
    name: id,
    provider: null,
    device: null,
    synced: kind === 'passkey' ? true : null,
    transports: null,
    createdAt: daysAgo(30),
    lastUsedAt: daysAgo(2),
    removable: true,
    blockedReason: null,
    ...extra,
  };
}

function view(factors: Factor[], identities: Identity[] = [DATABASE]): FactorsView {
  return { factors, identities, canAddPasskey: identities.some((i) => i.provider === 'auth0') };
}

const check = (v: FactorsView, knobs = OFF) =>
  runCheckup({ view: v, knobs, hasEmail: true, now: NOW });
const ids = (v: FactorsView, knobs = OFF) => check(v, knobs).suggestions.map((s) => s.id);

// The demo users, as the seed has them.
const alice = view([
  factor('gpm', 'passkey'),
  factor('desk', 'security-key', { synced: null }),
  factor('totp', 'totp'),
  factor('password', 'password', { removable: false }),
]);
const bob = view([
  factor('bitwarden', 'passkey'),
  factor('firefox', 'passkey', { synced: false, lastUsedAt: null, createdAt: daysAgo(14) }),
]);
const carol: FactorsView = { factors: [], identities: [GOOGLE], canAddPasskey: false };
const dana = view([factor('icloud', 'passkey')], [DATABASE, GOOGLE]);
const admin = view([factor('password', 'password', { removable: false })]);

describe('runCheckup', () => {
  it('alice: one synced passkey, and her password is the only way back in', () => {
    const { protection, suggestions } = check(alice);
    expect(protection).toEqual({
      passkeys: 1,
      password: true,
      identities: [],
      emailReset: false,
      secondSteps: ['security-key', 'totp'],
    });
    expect(suggestions).toEqual([{ id: 'add-passkey-password-fallback' }]);
  });

  it('bob: two passkeys, nothing to suggest', () => {
    expect(check(bob)).toEqual({
      protection: {
        passkeys: 2,
        password: false,
        identities: [],
        emailReset: false,
        secondSteps: [],
      },
      suggestions: [],
    });
  });

  it('bob with only his device-bound passkey left: add a backup', () => {
    const left = view(bob.factors.filter((f) => f.id === 'firefox'));
    expect(check(left).suggestions).toEqual([
      { id: 'add-backup-passkey', factorId: 'firefox', name: 'firefox' },
    ]);
  });

  it('a single synced passkey that is the only way in still wants a backup', () => {
    expect(ids(view([factor('only', 'passkey')]))).toEqual(['add-backup-passkey']);
  });

  it('no passkey: add one; with a security key, say why a passkey differs', () => {
    expect(ids(admin)).toEqual(['add-first-passkey']);
    expect(ids(view([factor('key', 'security-key'), factor('pw', 'password')]))).toEqual([
      'add-passkey-not-only-security-key',
    ]);
  });

  it('carol (Google only) is offered nothing Auth0 cannot give her', () => {
    expect(check(carol)).toEqual({
      protection: {
        passkeys: 0,
        password: false,
        identities: [GOOGLE],
        emailReset: false,
        secondSteps: [],
      },
      suggestions: [],
    });
  });

  it('dana: a passkey and Google, so her password-free account needs nothing', () => {
    expect(ids(dana)).toEqual([]);
  });

  it('EMAIL_RESET_IS_FALLBACK: the mailbox counts as the way back in, as in the lockout rule', () => {
    const knobs = { requireMfa: false, emailResetIsFallback: true };
    expect(check(alice, knobs).protection.emailReset).toBe(true);
    expect(ids(alice, knobs)).toEqual([]);
    expect(runCheckup({ view: alice, knobs, hasEmail: false, now: NOW }).suggestions).toEqual([
      { id: 'add-passkey-password-fallback' },
    ]);
  });

  it('a passkey unused for 6 months: still have it? (the oldest one)', () => {
    const old = factor('old', 'passkey', { lastUsedAt: daysAgo(STALE_AFTER_DAYS) });
    const older = factor('older', 'passkey', { lastUsedAt: null, createdAt: daysAgo(400) });
    const recent = factor('recent', 'passkey', { lastUsedAt: daysAgo(STALE_AFTER_DAYS - 1) });
    expect(check(view([old, recent])).suggestions).toEqual([
      {
        id: 'stale-passkey',
        factorId: 'old',
        name: 'old',
        lastUsedAt: old.lastUsedAt,
        since: old.lastUsedAt,
      },
    ]);
    expect(check(view([old, older, recent])).suggestions).toEqual([
      {
        id: 'stale-passkey',
        factorId: 'older',
        name: 'older',
        lastUsedAt: null,
        since: older.createdAt,
      },
    ]);
  });

  it('at most two steps: a passkey to add first, then one to review', () => {
    const stale = factor('stale', 'passkey', { synced: false, lastUsedAt: daysAgo(300) });
    const result = check(view([stale, factor('pw', 'password', { removable: false })]));
    expect(result.suggestions.map((s) => s.id)).toEqual(['add-backup-passkey', 'stale-passkey']);
  });

  it('never suggests removing what the lockout rule keeps', () => {
    const last = factor('last', 'passkey', {
      lastUsedAt: daysAgo(300),
      removable: false,
      blockedReason: 'only way',
    });
    expect(ids(view([last]))).toEqual(['add-backup-passkey']);
  });
});

describe('protectionDrop', () => {
  const input = (v: FactorsView, knobs = OFF) => ({ view: v, knobs, hasEmail: true });

  it('alice removing her only passkey: she signs in with her password only', () => {
    expect(protectionDrop('gpm', input(alice))).toEqual({
      kind: 'last-passkey',
      after: {
        passkeys: 0,
        password: true,
        identities: [],
        emailReset: false,
        secondSteps: ['security-key', 'totp'],
      },
    });
  });

  it('dana removing her only passkey: Google is what is left', () => {
    expect(protectionDrop('icloud', input(dana))).toMatchObject({
      kind: 'last-passkey',
      after: { passkeys: 0, password: false, identities: [GOOGLE] },
    });
  });

  it('removing the only authenticator app leaves one step', () => {
    const v = view([factor('pw', 'password', { removable: false }), factor('totp', 'totp')]);
    expect(protectionDrop('totp', input(v))).toMatchObject({
      kind: 'last-second-step',
      after: { password: true, secondSteps: [] },
    });
  });

  it('no warning while something of the same kind stays', () => {
    expect(protectionDrop('totp', input(alice))).toBeNull();
    expect(protectionDrop('bitwarden', input(bob))).toBeNull();
  });

  it('no warning for what the policy refuses, or an unknown id', () => {
    const onlyPasskey = view([factor('only', 'passkey')]);
    expect(protectionDrop('only', input(onlyPasskey))).toBeNull();
    expect(protectionDrop('password', input(alice))).toBeNull();
    expect(protectionDrop('nope', input(alice))).toBeNull();
  });
});

describe('primaryStep: one primary action on the page at most', () => {
  it('is the step that adds a passkey', () => {
    expect(primaryStep(check(alice))).toBe('add-passkey-password-fallback');
    expect(primaryStep(check(admin))).toBe('add-first-passkey');
  });

  it('is none when there is nothing to do (carol, Google only; bob, two passkeys)', () => {
    expect(primaryStep(check(carol))).toBeNull();
    expect(primaryStep(check(bob))).toBeNull();
  });

  it('is never a passkey to review', () => {
    const old = factor('old', 'passkey', { lastUsedAt: daysAgo(STALE_AFTER_DAYS) });
    const other = factor('other', 'passkey');
    expect(ids(view([old, other]))).toEqual(['stale-passkey']);
    expect(primaryStep(check(view([old, other])))).toBeNull();
  });
});
