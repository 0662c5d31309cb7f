// Test helper: builds a throw-away kustomization with the real `kubectl kustomize` (kustomize v5.5.0),
// the oracle our unit tests compare against.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const KUBECTL = '/usr/bin/kubectl';

export interface OracleResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** The output documents as plain JSON (empty when the build failed). */
  objects: Record<string, unknown>[];
}

/** Writes `files` (path → content) into a fresh directory and runs `kubectl kustomize` on it. */
export function kubectlKustomize(files: Record<string, string | Uint8Array>): OracleResult {
  const dir = mkdtempSync(join(tmpdir(), 'kust-oracle-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const run = spawnSync(KUBECTL, ['kustomize', dir], { encoding: 'utf8' });
    const ok = run.status === 0;
    const objects = ok
      ? parseAllDocuments(run.stdout).map((d) => d.toJS() as Record<string, unknown>).filter((o) => o !== null)
      : [];
    return { ok, stdout: run.stdout, stderr: run.stderr.replaceAll(dir, '<dir>'), objects };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
