import { describe, expect, it, vi } from 'vitest';
import { currentContext, runWithContext } from '@/lib/core/request-context';

// Who the Management budget charges is whoever the request context names when the call is made.
const charged: (string | null | undefined)[] = [];
vi.mock('@/lib/management/client', () => ({
  managementCall: async () => {
    charged.push(currentContext()?.userId);
    return { user_id: 'auth0|signing-in', email: 'x@example.com', identities: [] };
  },
}));
const { accountForSession } = await import('./account');

describe('the account read at sign-in', () => {
  it('is charged to the person signing in', async () => {
    charged.length = 0;
    // The callback runs outside any route: no context at all.
    await expect(accountForSession('auth0|signing-in', undefined)).resolves.toEqual({
      identities: [],
      hasEmail: true,
    });
    // Inside some other context (never expected, but the sign-in's user wins).
    await runWithContext({ userId: 'auth0|someone-else' }, () =>
      accountForSession('auth0|signing-in', undefined),
    );
    expect(charged).toEqual(['auth0|signing-in', 'auth0|signing-in']);
  });

  it('costs nothing when the session already carries the account', async () => {
    charged.length = 0;
    const kept = { identities: [], hasEmail: false };
    await expect(accountForSession('auth0|signing-in', kept)).resolves.toEqual(kept);
    expect(charged).toEqual([]);
  });
});
