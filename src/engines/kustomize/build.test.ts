// The public API on a tree held in memory: the same build as `kubectl kustomize` on that tree written
// to disk, which shows the engine depends only on the FileSystem interface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildKustomization, renderYaml } from './index.ts';
import { memoryFileSystem } from './memory-file-system.ts';

const files: Record<string, string> = {
  'app/base/kustomization.yaml': 'resources:\n- deploy.yaml\nconfigMapGenerator:\n- name: settings\n  literals:\n  - MODE=on\n',
  'app/base/deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n        envFrom:\n        - configMapRef:\n            name: settings\n',
  'app/prod/kustomization.yaml': 'resources:\n- ../base\nnamespace: prod\nnamePrefix: prod-\nimages:\n- name: nginx\n  newTag: "1.27"\nlabels:\n- pairs:\n    env: prod\n  includeSelectors: true\n',
};

test('buildKustomization works on an in-memory file system and matches kubectl kustomize', () => {
  const ours = renderYaml(buildKustomization(memoryFileSystem(files), '/app/prod').map((r) => r.object));
  const dir = mkdtempSync(join(tmpdir(), 'kustomize-memfs-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const theirs = execFileSync('/usr/bin/kubectl', ['kustomize', join(dir, 'app/prod')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.equal(ours, theirs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files outside the kustomization root are refused on any file system', () => {
  const fs = memoryFileSystem({ 'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n', 'k/kustomization.yaml': 'resources:\n- ../secret.yaml\n' });
  assert.throws(() => buildKustomization(fs, '/k'), /not in or below/);
});
