// Output helpers shared by the source commands: flux's table layout (upper-case headers, columns
// padded and separated by a tab) and its hex truncation of revisions in tables.
import type { GitRepository } from '../../api/source/git-repository.ts';

/** flux's utils.TruncateHex: 40–128 hex digit runs shortened to 8. */
export function truncateHex(text: string): string {
  return text.replace(/\b[a-f0-9]{40,128}\b/g, (hex) => hex.slice(0, 8));
}

export function formatTable(headers: string[], rows: string[][], noHeader = false): string {
  const all = noHeader ? rows : [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => (cell ?? '').padEnd(widths[i]!)).join('\t') + '\t\n').join('');
}

export function readyStatus(obj: GitRepository): { status: string; message: string } {
  const ready = obj.status?.conditions?.find((c) => c.type === 'Ready');
  return { status: ready?.status ?? 'Unknown', message: ready?.message ?? 'waiting to be reconciled' };
}

/** `--status-selector ready=false`: condition type and status, case-insensitive as flux matches them. */
export function matchesStatusSelector(obj: GitRepository, selector: string | undefined): boolean {
  if (!selector) return true;
  const [type, status] = selector.split('=');
  if (!type || status === undefined) throw new Error(`invalid --status-selector '${selector}': want <condition>=<status>, e.g. ready=false`);
  const condition = obj.status?.conditions?.find((c) => c.type.toLowerCase() === type.toLowerCase());
  return (condition?.status ?? 'Unknown').toLowerCase() === status.toLowerCase();
}
