import { readFileSync } from 'node:fs';

// Reads a V8 heap snapshot (.heapsnapshot, as `--heapsnapshot-signal` writes it) and sums the
// objects' own sizes by what they are: a constructor's name for objects, V8's category
// ("(string)", "(compiled code)", "(array)"…) for the rest. That is the "Summary" view of
// Chrome's DevTools, without retained sizes, which is enough to see what grew.

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
};

export type HeapSummary = {
  /** Sum of every node's own size, bytes. */
  totalBytes: number;
  nodeCount: number;
  /** Largest groups first. */
  groups: { name: string; bytes: number; count: number }[];
};

// Types whose node name is the object's constructor (or a closure's function name).
const NAMED = new Set(['object', 'closure', 'native']);

export function summariseHeap(file: string): HeapSummary {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, { bytes: number; count: number }>();
  let totalBytes = 0;
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt] ?? 0] ?? 'unknown';
    const size = data.nodes[i + sizeAt] ?? 0;
    const name = NAMED.has(type)
      ? `${data.strings[data.nodes[i + nameAt] ?? 0] ?? '?'}${type === 'closure' ? '()' : ''}`
      : `(${type})`;
    const group = groups.get(name) ?? { bytes: 0, count: 0 };
    group.bytes += size;
    group.count += 1;
    groups.set(name, group);
    totalBytes += size;
  }
  return {
    totalBytes,
    nodeCount: data.nodes.length / width,
    groups: [...groups].map(([name, g]) => ({ name, ...g })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** The groups that grew most from `before` to `after`, bytes. */
export function heapGrowth(before: HeapSummary, after: HeapSummary, top = 12) {
  const old = new Map(before.groups.map((g) => [g.name, g.bytes]));
  return after.groups
    .map((g) => ({ name: g.name, grewBytes: g.bytes - (old.get(g.name) ?? 0) }))
    .sort((a, b) => b.grewBytes - a.grewBytes)
    .slice(0, top);
}
