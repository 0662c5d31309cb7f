// flux's status tables: upper-case headers, columns padded and separated by a tab, revisions with
// their hex truncated, one row per object with its Ready condition.
import type { FluxObject } from './flux-objects.ts';

interface TableObject extends FluxObject {
  status?: FluxObject['status'] & { lastAppliedRevision?: string; artifact?: { revision?: string } };
}

/** flux's utils.TruncateHex: 40–128 hex digit runs shortened to 8. */
export function truncateHex(text: string): string {
  return text.replace(/\b[a-f0-9]{40,128}\b/g, (hex) => hex.slice(0, 8));
}

export function formatTable(headers: string[], rows: string[][], noHeader = false): string {
  const all = noHeader ? rows : [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => (cell ?? '').padEnd(widths[i]!)).join('\t') + '\t\n').join('');
}

/** The Name/Revision/Suspended/Ready/Message table of `get`; `kindPrefix` names rows kind/name as `get all` does. */
export function statusTable(items: TableObject[], opts: { allNamespaces?: boolean; noHeader?: boolean; kindPrefix?: boolean } = {}): string {
  const headers = [...(opts.allNamespaces ? ['Namespace'] : []), 'Name', 'Revision', 'Suspended', 'Ready', 'Message'];
  const rows = items.map((o) => {
    const ready = o.status?.conditions?.find((c) => c.type === 'Ready');
    const revision = o.status?.artifact?.revision ?? o.status?.lastAppliedRevision ?? '';
    const name = opts.kindPrefix ? `${o.kind.toLowerCase()}/${o.metadata.name}` : o.metadata.name!;
    const row = [name, truncateHex(revision), o.spec?.suspend ? 'True' : 'False', ready?.status ?? 'Unknown', truncateHex(ready?.message ?? 'waiting to be reconciled')];
    return opts.allNamespaces ? [o.metadata.namespace!, ...row] : row;
  });
  return formatTable(headers, rows, opts.noHeader);
}

/** `--status-selector ready=false`: condition type and status, case-insensitive as flux matches them. */
export function matchesStatusSelector(obj: FluxObject, selector: string | undefined): boolean {
  if (!selector) return true;
  const [type, status] = selector.split('=');
  if (!type || status === undefined) throw new Error(`invalid --status-selector '${selector}': want <condition>=<status>, e.g. ready=false`);
  const condition = obj.status?.conditions?.find((c) => c.type.toLowerCase() === type.toLowerCase());
  return (condition?.status ?? 'Unknown').toLowerCase() === status.toLowerCase();
}
