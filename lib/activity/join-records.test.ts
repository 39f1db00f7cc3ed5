// Auth0's events joined to what Keyward recorded at the time: the row names the method or session
// and the person's browser and address, one action is one row, and nothing is made up.
import { describe, expect, it } from 'vitest';
import { joinRecords, type LoggedRow } from './join-records';
import type { ChangeRecord } from './record-types';
import type { ActivityEntry } from './types';

const t0 = Date.parse('2026-12-07T10:00:00.000Z');
const row = (kind: ActivityEntry['kind'], at: number, targetId: string | null): LoggedRow => ({
  entry: {
    id: `log-${at}-${targetId}`,
    kind,
    at: new Date(at).toISOString(),
    device: null,
    ip: null,
    place: null,
    method: null,
    session: null,
    count: 1,
  },
  targetId,
});
const actor = { device: 'Chrome on Linux', ip: '81.169.145.78' };

describe('joinRecords', () => {
  it('names the renamed key and the browser it was renamed from', () => {
    const record: ChangeRecord = {
      kind: 'methodRenamed',
      methodId: 'webauthn-roaming|1',
      method: { kind: 'security-key', name: 'Office key', oldName: 'Desk key' },
      action: 'a1',
      at: t0 + 200,
      ...actor,
    };
    const [entry] = joinRecords([row('methodRenamed', t0, 'webauthn-roaming|1')], [record]);
    expect(entry).toMatchObject({
      device: 'Chrome on Linux',
      ip: '81.169.145.78',
      method: {
        id: 'webauthn-roaming|1',
        kind: 'security-key',
        name: 'Office key',
        oldName: 'Desk key',
      },
    });
  });

  it('makes one row of one sign-out of three sessions, and leaves unrecorded events as Auth0 logged them', () => {
    const record: ChangeRecord = {
      kind: 'sessionEnded',
      sessionIds: ['s1', 's2', 's3'],
      session: null,
      action: 'a2',
      at: t0 + 500,
      ...actor,
    };
    const rows = [
      row('sessionEnded', t0 + 300, 's3'),
      row('sessionEnded', t0 + 200, 's2'),
      row('sessionEnded', t0 + 100, 's1'),
      row('methodRemoved', t0 - 120_000, 'passkey|9'),
    ];
    const entries = joinRecords(rows, [record]);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ kind: 'sessionEnded', count: 3, ...actor });
    expect(entries[1]).toMatchObject({
      kind: 'methodRemoved',
      method: null,
      device: null,
      ip: null,
    });
  });

  it('takes no record further than a minute from the event, nor one of another method', () => {
    const record: ChangeRecord = {
      kind: 'methodRemoved',
      methodId: 'passkey|1',
      method: { kind: 'passkey', name: 'Laptop' },
      action: 'a3',
      at: t0,
      ...actor,
    };
    expect(
      joinRecords([row('methodRemoved', t0 + 61_000, 'passkey|1')], [record])[0]?.method,
    ).toBeNull();
    expect(joinRecords([row('methodRemoved', t0, 'passkey|2')], [record])[0]?.method).toBeNull();
  });
});
