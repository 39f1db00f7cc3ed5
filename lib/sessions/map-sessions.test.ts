import { describe, expect, it } from 'vitest';
import { USER_AGENTS } from '@/local-tenant/src/seed-data';
import { mapSessions } from './map-sessions';

const OWN = 'keyward-client';

describe('mapSessions', () => {
  it('names the device, the address and the applications; dates only when they are dates', () => {
    const [session] = mapSessions(
      [
        {
          id: 's1',
          created_at: '2026-05-01T10:00:00.000Z',
          last_interacted_at: { unexpected: 'shape' },
          updated_at: '2026-05-03T10:00:00.000Z',
          device: { initial_user_agent: USER_AGENTS.safariIphone, initial_ip: '203.0.113.9' },
          clients: [{ client_id: OWN }, { client_id: 'other-1' }, { client_id: 'other-2' }],
        },
      ],
      null,
      OWN,
    );
    expect(session).toEqual({
      id: 's1',
      device: 'Safari on iOS',
      deviceType: 'mobile',
      ip: '203.0.113.9',
      // Places come from get-sessions (the offline database); none were given here.
      place: null,
      startedAt: '2026-05-01T10:00:00.000Z',
      lastActiveAt: '2026-05-03T10:00:00.000Z',
      applications: ['Keyward', '2 other applications'],
      current: false,
    });
  });

  it('prefers the last user agent and address over the first ones', () => {
    const [session] = mapSessions(
      [
        {
          id: 's1',
          device: {
            initial_user_agent: USER_AGENTS.safariIphone,
            last_user_agent: USER_AGENTS.firefoxWindows,
            initial_ip: '203.0.113.9',
            last_ip: '198.51.100.7',
          },
          clients: [{ client_id: 'elsewhere' }],
        },
      ],
      null,
      OWN,
    );
    expect(session).toMatchObject({
      device: 'Firefox on Windows',
      ip: '198.51.100.7',
      applications: ['1 other application'],
      startedAt: null,
      lastActiveAt: null,
    });
  });

  it('puts this browser’s session first, then the most recently active; drops sessions without an id', () => {
    const sessions = mapSessions(
      [
        { id: 'old', last_interacted_at: '2026-05-01T00:00:00.000Z' },
        { id: 'recent', last_interacted_at: '2026-05-09T00:00:00.000Z' },
        { last_interacted_at: '2026-05-10T00:00:00.000Z' },
        { id: 'here', last_interacted_at: '2026-04-01T00:00:00.000Z' },
      ],
      'here',
      OWN,
    );
    expect(sessions.map((s) => [s.id, s.current])).toEqual([
      ['here', true],
      ['recent', false],
      ['old', false],
    ]);
  });
});
