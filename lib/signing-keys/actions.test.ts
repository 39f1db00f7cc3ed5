import { type Management, ManagementError } from 'auth0';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// A fake tenant behind the one Management API entry point: keys with flags, rotate and revoke.
const tenant = vi.hoisted(() => ({
  keys: [] as Management.SigningKeys[],
  calls: [] as string[],
  failRotate: null as unknown,
  failRevoke: null as unknown,
}));

vi.mock('@/lib/env', () => ({ getEnv: () => ({ redisUrl: null, lockWaitMs: 2000 }) }));
vi.mock('@/lib/management/client', () => ({
  deadlineIn: (ms: number) => ({ at: Date.now() + ms }),
  managementCall: async <T>(call: (mgmt: unknown) => Promise<T>) =>
    call({
      keys: {
        signing: {
          list: async () => {
            tenant.calls.push('list');
            return tenant.keys.map((k) => ({ ...k }));
          },
          rotate: async () => {
            tenant.calls.push('rotate');
            if (tenant.failRotate) throw tenant.failRotate;
            for (const k of tenant.keys) {
              if (k.current) Object.assign(k, { current: false, previous: true });
              else if (k.next) Object.assign(k, { next: false, current: true });
            }
            tenant.keys.push(key(`k${tenant.keys.length}`, { next: true }));
            return { kid: 'x', cert: 'c' };
          },
          revoke: async (kid: string) => {
            tenant.calls.push(`revoke ${kid}`);
            if (tenant.failRevoke) throw tenant.failRevoke;
            const k = tenant.keys.find((x) => x.kid === kid);
            if (!k)
              throw new ManagementError({ statusCode: 404, message: 'Signing key not found.' });
            Object.assign(k, { revoked: true });
            return { kid, cert: 'c' };
          },
        },
      },
    }),
}));

const { listKeys, revoke, rotate, rotateAndRevoke } = await import('./actions');

function key(kid: string, flags: Partial<Management.SigningKeys>): Management.SigningKeys {
  return { kid, cert: 'c', fingerprint: 'f', thumbprint: 't', ...flags };
}

beforeEach(() => {
  tenant.keys = [
    key('k0', { previous: true }),
    key('k1', { current: true }),
    key('k2', { next: true }),
  ];
  tenant.calls = [];
  tenant.failRotate = null;
  tenant.failRevoke = null;
  // A fresh store each test: the rotation window must not carry over.
  Reflect.deleteProperty(globalThis, Symbol.for('keyward.ttl-store'));
});

const states = (keys: { kid: string; state: string }[] | null) =>
  keys?.map((k) => `${k.kid}:${k.state}`);

describe('signing-key actions', () => {
  it('lists mapped keys', async () => {
    expect(states(await listKeys())).toEqual(['k1:current', 'k2:next', 'k0:previous']);
  });

  it('rotates and returns the new table', async () => {
    const result = await rotate();
    expect(states(result.keys)).toEqual(['k2:current', 'k3:next', 'k0:previous', 'k1:previous']);
  });

  it("maps Auth0's 429 on rotate to a plain 429 rotation_limit", async () => {
    tenant.failRotate = new ManagementError({ statusCode: 429, message: 'Too Many Requests' });
    await expect(rotate()).rejects.toMatchObject({
      status: 429,
      code: 'rotation_limit',
      message: expect.stringMatching(/5 signing-key rotations a day/),
    });
  });

  it('revokes a previously used key after re-reading the keys', async () => {
    const result = await revoke('k0');
    expect(tenant.calls).toEqual(['list', 'revoke k0', 'list']);
    expect(states(result.keys)).toContain('k0:revoked');
  });

  it('refuses the current and next key with 409 without calling Auth0', async () => {
    await expect(revoke('k1')).rejects.toMatchObject({ status: 409, code: 'key_in_use' });
    await expect(revoke('k2')).rejects.toMatchObject({ status: 409, code: 'key_in_use' });
    expect(tenant.calls).toEqual(['list', 'list']);
  });

  it('answers 404 for an unknown kid without calling Auth0, and for an Auth0 404', async () => {
    await expect(revoke('nope')).rejects.toMatchObject({ status: 404 });
    expect(tenant.calls).toEqual(['list']);
    tenant.failRevoke = new ManagementError({ statusCode: 404, message: 'Signing key not found.' });
    await expect(revoke('k0')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('rotate-and-revoke revokes the key that was current', async () => {
    const result = await rotateAndRevoke();
    expect(result.revokedKid).toBe('k1');
    expect(tenant.calls).toEqual(['list', 'rotate', 'revoke k1', 'list']);
    expect(states(result.keys)).toEqual(['k2:current', 'k3:next', 'k0:previous', 'k1:revoked']);
  });

  it('says exactly what happened when the revoke fails after the rotation', async () => {
    tenant.failRevoke = new ManagementError({ statusCode: 500, message: 'boom' });
    const error = await rotateAndRevoke().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'revoke_failed_after_rotate' });
    expect(error).toHaveProperty(
      'message',
      expect.stringMatching(
        /^The key was rotated, but revoking the previous key failed: .+\. .*Revoke it from the table\.$/,
      ),
    );
    // The rotation stands; the table (re-read by the client) shows it accurately.
    expect(states(await listKeys())).toEqual([
      'k2:current',
      'k3:next',
      'k0:previous',
      'k1:previous',
    ]);
  });

  it('does not revoke anything when the rotation fails', async () => {
    tenant.failRotate = new ManagementError({ statusCode: 500, message: 'boom' });
    await expect(rotateAndRevoke()).rejects.toBeInstanceOf(ManagementError);
    // Auth0's 500 leaves the outcome open, so the keys are read again: not rotated, so an error.
    expect(tenant.calls).toEqual(['list', 'rotate', 'list']);
  });

  it('collapses concurrent rotate-and-revoke calls into one', async () => {
    const [a, b] = await Promise.all([rotateAndRevoke(), rotateAndRevoke()]);
    expect([a.revokedKid, b.revokedKid].sort()).toEqual(['k1', null].sort());
    expect([a.collapsed, b.collapsed].filter(Boolean)).toHaveLength(1);
    expect(tenant.calls.filter((c) => c === 'rotate')).toHaveLength(1);
    expect(tenant.calls.filter((c) => c.startsWith('revoke'))).toEqual(['revoke k1']);
  });

  it('collapses five concurrent rotations into one, and a repeat within the window too', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => rotate()));
    expect(results.filter((r) => !r.collapsed)).toHaveLength(1);
    expect((await rotate()).collapsed).toBe(true);
    expect(tenant.calls.filter((c) => c === 'rotate')).toHaveLength(1);
  });

  it('lets a rotation Auth0 refused be tried again at once', async () => {
    tenant.failRotate = new ManagementError({ statusCode: 429, message: 'Too many' });
    await expect(rotate()).rejects.toMatchObject({ status: 429 });
    tenant.failRotate = null;
    expect((await rotate()).collapsed).toBeUndefined();
    expect(tenant.calls.filter((c) => c === 'rotate')).toHaveLength(2);
  });
});
