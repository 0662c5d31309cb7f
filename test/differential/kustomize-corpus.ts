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

/** The case names, sorted. */
export function corpusCases(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
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
