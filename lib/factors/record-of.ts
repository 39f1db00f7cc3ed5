import type { Management } from 'auth0';
import type { RecordedChange } from '@/lib/activity/record-types';
import { kindOfType } from './kinds';

/** What the activity section keeps about a change to `own` (its kind and name at the time). */
export function recordOf(
  kind: 'methodAdded' | 'methodRemoved' | 'methodRenamed',
  own: Management.UserAuthenticationMethod,
  name: string,
  oldName?: string,
): RecordedChange | undefined {
  const methodKind = kindOfType(own.type);
  if (!methodKind) return undefined;
  return {
    kind,
    methodId: own.id,
    method: { kind: methodKind, name, ...(oldName ? { oldName } : {}) },
  };
}
