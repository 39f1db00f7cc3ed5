import type { FactorKind } from '@/lib/factors/types';

/** What the person did, as Keyward knew it at the time (see change-records.ts). */
export type RecordedChange =
  | {
      kind: 'methodAdded' | 'methodRemoved' | 'methodRenamed';
      /** Auth0's method id; null when a lost answer left it unknown. */
      methodId: string | null;
      method: { kind: FactorKind; name: string; oldName?: string };
    }
  | {
      kind: 'sessionEnded';
      /** Auth0's ids of the sessions ended by this one action. */
      sessionIds: string[];
      /** The ended session's browser and address, when it was one other session. */
      session: { device: string | null; ip: string | null } | null;
    };

export type ChangeRecord = RecordedChange & {
  /** One per action: the rows of its Auth0 events are shown as one. */
  action: string;
  /** Milliseconds since the epoch, when Auth0 was known to have made the change. */
  at: number;
  /** The person's browser ("Chrome on Linux") and address, from the request that made it. */
  device: string | null;
  ip: string | null;
};
