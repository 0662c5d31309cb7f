// The kustomize differential corpus (test/fixtures/kustomize/<case>/, built from the folder named in
// the case's `entry` file when there is one) and a kubectl to build its cases, shared by the
// differential test and scripts/kustomize-version-diff.ts.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'kustomize');

export interface Outcome {
  ok: boolean;
  /** The build's output, or kubectl's stderr when it failed. */
  output: string;
}

/** The case names (folders of `root`), sorted. */
export function corpusCases(root = FIXTURES): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function caseDir(name: string): string {
  const entryFile = join(FIXTURES, name, 'entry');
  return existsSync(entryFile) ? join(FIXTURES, name, readFileSync(entryFile, 'utf8').trim()) : join(FIXTURES, name);
}

export function runKubectl(kubectl: string, dir: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(kubectl, ['kustomize', dir], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve(err ? { ok: false, output: stderr } : { ok: true, output: stdout });
    });
  });
}

/** fn over items with at most `limit` running at once, results in item order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * The error message inside kubectl's klog line (`"command failed" err="..."`, or `err=<` followed by
 * tab-indented lines and ` >` for a message of several lines).
 */
export function kubectlErrorMessage(stderr: string): string {
  const lines = stderr.split('\n');
  const at = lines.findIndex((l) => l.includes('"command failed" err='));
  if (at < 0) return stderr.trim();
  const inline = /"command failed" err=(".*")$/.exec(lines[at]!);
  if (inline) return JSON.parse(inline[1]!) as string;
  const body: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line === ' >') break;
    body.push(line.replace(/^\t/, ''));
  }
  return body.join('\n');
}
