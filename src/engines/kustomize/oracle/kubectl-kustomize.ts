// Test helper: builds a throw-away kustomization with the real `kubectl kustomize` (kustomize v5.5.0),
// the oracle our unit tests compare against.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { newResource, type JsonObject, type KustomizationFileLoader, type Resource } from '../resource.ts';
import { parseYamlDocuments } from '../yaml/reader.ts';

export const KUBECTL = '/usr/bin/kubectl';

export interface OracleResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** The output documents as plain JSON (empty when the build failed). */
  objects: JsonObject[];
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
    // Read back the way our engine reads YAML, so values compare with the same types.
    const objects = ok ? (parseYamlDocuments(run.stdout, 'kubectl output') as JsonObject[]) : [];
    return { ok, stdout: run.stdout, stderr: run.stderr.replaceAll(dir, '<dir>'), objects };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A loader over in-memory files, for unit tests that feed our functions the files given to kubectl. */
export function memoryLoader(files: Record<string, string | Uint8Array>): KustomizationFileLoader {
  return {
    root: '/memory',
    load(path: string): Uint8Array {
      const content = files[path];
      if (content === undefined) throw new Error(`file '${path}' not found`);
      return typeof content === 'string' ? Buffer.from(content) : content;
    },
  };
}

/** Sorts objects by kind, namespace and name, so tests compare content independently of output order. */
export function byId(objects: JsonObject[]): JsonObject[] {
  const key = (o: JsonObject): string => {
    const md = o['metadata'] as JsonObject | undefined;
    return `${String(o['kind'])}/${String(md?.['namespace'] ?? '')}/${String(md?.['name'] ?? '')}`;
  };
  return [...objects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Runs kubectl kustomize on `files` and `ours` on the resources of `resources.yaml` (parsed as our
 * engine parses them, with a loader over the same files): both must fail, or both must give the same
 * objects. Only for single-level kustomizations whose fields `ours` implements.
 */
export function assertSameAsKubectl(
  files: Record<string, string>,
  ours: (resources: Resource[], loader: KustomizationFileLoader) => void,
): void {
  const oracle = kubectlKustomize(files);
  const resources = parseYamlDocuments(files['resources.yaml'] ?? '', 'resources.yaml').map((o) => newResource(o as JsonObject));
  let error: unknown;
  try {
    ours(resources, memoryLoader(files));
  } catch (err) {
    error = err;
  }
  assert.equal(error === undefined, oracle.ok, `kubectl ${oracle.ok ? 'succeeded' : `failed: ${oracle.stderr}`}; ours ${String(error)}`);
  if (oracle.ok) assert.deepEqual(byId(resources.map((r) => r.object)), byId(oracle.objects));
}
