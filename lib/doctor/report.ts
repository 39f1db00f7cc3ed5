import type { CheckResult, FixAction, TenantSnapshot } from './types';
import { failed } from './types';

// The doctor's output: the checklist, the writes --fix would make (merged, one per object), and
// their diff against what the tenant holds now.

const WIDTH = 8;

export function formatChecklist(results: readonly CheckResult[]): string {
  const lines: string[] = [];
  let section = '';
  for (const r of results) {
    if (r.section !== section) {
      section = r.section;
      lines.push('', section);
    }
    lines.push(`  ${r.status.padEnd(WIDTH)}${r.title}: ${r.detail}`);
    if (r.fix && r.status !== 'OK') lines.push(`  ${' '.repeat(WIDTH)}Fix: ${r.fix}`);
  }
  const count = (status: string) => results.filter((r) => r.status === status).length;
  lines.push(
    '',
    `${count('OK')} OK, ${count('MISSING')} missing, ${count('WRONG')} wrong, ${count('OFF')} off, ${count('WARN')} warnings.`,
  );
  return lines.join('\n');
}

const key = (a: FixAction) =>
  a.kind === 'patch-client'
    ? `client:${a.clientId}`
    : a.kind === 'patch-grant'
      ? `grant:${a.grantId}`
      : a.kind === 'create-grant'
        ? `new-grant:${a.body.client_id}:${a.body.audience}`
        : `connection:${a.connectionId}`;

/**
 * One write per object: several checks may patch the same application (URLs, rotation, the MRRT
 * policy). Each built its `refresh_token` from the same read, so only the fields each changed
 * are carried over, onto what the tenant holds.
 */
export function mergeActions(
  results: readonly CheckResult[],
  snapshot: TenantSnapshot,
): FixAction[] {
  const merged = new Map<string, FixAction>();
  for (const { action } of results) {
    if (!action) continue;
    const k = key(action);
    const before = merged.get(k);
    if (action.kind !== 'patch-client' || before?.kind !== 'patch-client') {
      merged.set(k, before ?? action);
      continue;
    }
    const current = (currentOf(action, snapshot).refresh_token ?? {}) as Record<string, unknown>;
    const changed = Object.fromEntries(
      Object.entries(action.body.refresh_token ?? {}).filter(
        ([field, value]) => JSON.stringify(current[field]) !== JSON.stringify(value),
      ),
    );
    const refresh =
      before.body.refresh_token || action.body.refresh_token
        ? {
            refresh_token: {
              ...(before.body.refresh_token ?? action.body.refresh_token),
              ...changed,
            },
          }
        : {};
    merged.set(k, {
      ...before,
      body: { ...before.body, ...action.body, ...refresh } as typeof before.body,
    });
  }
  return [...merged.values()];
}

export function describeAction(a: FixAction): string {
  switch (a.kind) {
    case 'patch-client':
      return `PATCH /api/v2/clients/${a.clientId}`;
    case 'create-grant':
      return 'POST /api/v2/client-grants';
    case 'patch-grant':
      return `PATCH /api/v2/client-grants/${a.grantId}`;
    case 'patch-connection':
      return `PATCH /api/v2/connections/${a.connectionId}`;
  }
}

function currentOf(a: FixAction, snapshot: TenantSnapshot): Record<string, unknown> {
  if (a.kind === 'patch-client') {
    const client = failed(snapshot.app) ? null : snapshot.app;
    return client?.client_id === a.clientId ? client : {};
  }
  if (a.kind === 'patch-grant' && !failed(snapshot.grants)) {
    return { ...snapshot.grants.find((g) => g.id === a.grantId) };
  }
  if (a.kind === 'patch-connection' && !failed(snapshot.connections)) {
    return { ...snapshot.connections.find((c) => c.id === a.connectionId) };
  }
  return {};
}

const show = (value: unknown) => (value === undefined ? '(unset)' : JSON.stringify(value));

/** `- field: before` / `+ field: after` for each field the write sets. */
export function formatDiff(actions: readonly FixAction[], snapshot: TenantSnapshot): string {
  const lines: string[] = [];
  for (const a of actions) {
    lines.push(describeAction(a));
    const current = currentOf(a, snapshot);
    for (const [field, value] of Object.entries(a.body)) {
      if (a.kind !== 'create-grant') lines.push(`  - ${field}: ${show(current[field])}`);
      lines.push(`  + ${field}: ${show(value)}`);
    }
  }
  return lines.join('\n');
}
