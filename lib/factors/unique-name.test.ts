import { describe, expect, it } from 'vitest';
import { takeCeremony } from '@/lib/webauthn/ceremony';
import { sealChallenge } from '@/lib/webauthn/challenge-cookie';
import { assertNameFree, assertUniqueName, takenNameDigests } from './unique-name';

const methods = [
  { id: 'passkey|1', name: 'Desk Key' },
  { id: 'password|1', type: 'password' },
];

describe('assertUniqueName (rename)', () => {
  it('refuses another method’s name, folded, with 409 name_taken', () => {
    expect(() => assertUniqueName('desk key', methods, 'passkey|2')).toThrow(
      expect.objectContaining({
        status: 409,
        code: 'name_taken',
        message: 'You already have a sign-in method called “desk key”.',
      }),
    );
  });
  it('lets a method keep its own name', () => {
    expect(() => assertUniqueName('DESK KEY', methods, 'passkey|1')).not.toThrow();
  });
});

describe('names carried through an add', () => {
  it('refuses a taken name by its digest, and allows a free one', () => {
    const taken = takenNameDigests(methods);
    expect(taken).toHaveLength(1);
    expect(() => assertNameFree(' DESK KEY', taken)).toThrow(
      expect.objectContaining({ status: 409, code: 'name_taken' }),
    );
    expect(() => assertNameFree('Travel key', taken)).not.toThrow();
  });

  it('refuses at the ceremony’s end before the challenge is spent', async () => {
    const key = Buffer.alloc(32, 7);
    const cookie = sealChallenge(
      {
        kind: 'security-key',
        challenge: 'c1',
        userId: 'auth0|alice',
        userHandle: 'h',
        exp: Date.now() + 60_000,
        taken: takenNameDigests(methods),
      },
      key,
    );
    const spent: string[] = [];
    const usedChallenges = {
      consume: async (challenge: string) => {
        spent.push(challenge);
        return true;
      },
    };
    const input = { cookie, cookieKey: key, sessionUserId: 'auth0|alice', usedChallenges };
    await expect(
      takeCeremony('security-key', { ...input, name: 'Desk key' } as never),
    ).rejects.toMatchObject({ status: 409, code: 'name_taken' });
    expect(spent).toEqual([]);
    await expect(
      takeCeremony('security-key', { ...input, name: 'Travel key' } as never),
    ).resolves.toMatchObject({ challenge: 'c1' });
    expect(spent).toEqual(['c1']);
  });
});
