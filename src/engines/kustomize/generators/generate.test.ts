import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { kubectlKustomize } from '../oracle/kubectl-kustomize.ts';
import type { JsonObject } from '../resource.ts';
import { absorbGenerated } from './absorb.ts';
import { generateResources } from './generate.ts';
import { nameHashSuffix } from './name-hash.ts';

type Files = Record<string, string | Uint8Array>;

/** Our generators on a single-level kustomization, with the hash suffix added as the build's last step would. */
function ourBuild(files: Files): JsonObject[] {
  const kustomization = parse(String(files['kustomization.yaml'])) as JsonObject;
  const loader = {
    root: '/',
    load(path: string): Uint8Array {
      const content = files[path];
      if (content === undefined) throw new Error(`file ${path} not found`);
      return typeof content === 'string' ? Buffer.from(content) : content;
    },
  };
  return generateResources(kustomization, loader).map((res) => {
    if (res.generated?.needsHashSuffix === true) {
      const metadata = res.object['metadata'] as JsonObject;
      metadata['name'] = `${String(metadata['name'])}-${nameHashSuffix(res.object)}`;
    }
    return res.object;
  });
}

function assertSameAsKubectl(files: Files): void {
  const oracle = kubectlKustomize(files);
  assert.ok(oracle.ok, oracle.stderr);
  // Output order is the pipeline's business (kustomize sorts), not the generators'.
  assert.deepEqual(sortById(ourBuild(files)), sortById(oracle.objects as JsonObject[]));
}

function sortById(objects: JsonObject[]): JsonObject[] {
  const key = (o: JsonObject): string => JSON.stringify([o['kind'], o['metadata']]);
  return [...objects].sort((a, b) => key(a).localeCompare(key(b)));
}

void describe('configMapGenerator and secretGenerator match kubectl kustomize', () => {
  void it('literals with quotes, equals signs and multi-line values', () => {
    assertSameAsKubectl({
      'kustomization.yaml': `configMapGenerator:
- name: app
  literals: ["a=1", "b='quoted'", 'c="x=y"', "d=", "e=<tag>&amp", "f=line1\\nline2"]
`,
    });
  });
  void it('files with key renames, env files and binary content', () => {
    assertSameAsKubectl({
      'kustomization.yaml': `configMapGenerator:
- name: files
  files: [app.properties, renamed=conf/other.txt, blob.bin]
  envs: [vars.env]
`,
      'app.properties': 'x=1\ny=2\n',
      'conf/other.txt': 'hello\n',
      'blob.bin': new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x80]),
      'vars.env': '\ufeffFOO=bar\n# comment\n\n  SPACED= v \nEMPTY\nQUOTED="q"\r\n',
    });
  });
  void it('secrets: type, long values wrapped every 70 base64 characters, options and generatorOptions', () => {
    assertSameAsKubectl({
      'kustomization.yaml': `generatorOptions:
  labels: {team: a, shared: global}
  annotations: {note: global}
secretGenerator:
- name: tls
  type: kubernetes.io/tls
  literals: ["tls.crt=${'x'.repeat(120)}", "tls.key=k"]
  options:
    labels: {shared: local}
    immutable: true
- name: plain
  namespace: ns1
  literals: [a=b]
  options: {disableNameSuffixHash: true}
`,
    });
  });
  void it('an empty generator', () => {
    assertSameAsKubectl({ 'kustomization.yaml': 'configMapGenerator:\n- name: empty\nsecretGenerator:\n- name: empty\n' });
  });
});

void describe('behavior merge and replace across overlays match kubectl kustomize', () => {
  function overlay(behavior: string): Files {
    return {
      'base/kustomization.yaml': `configMapGenerator:
- name: cfg
  literals: [a=1, b=2]
  options: {labels: {from: base}, annotations: {keep: base}}
`,
      'kustomization.yaml': `resources: [base]
configMapGenerator:
- name: cfg
  behavior: ${behavior}
  literals: [b=3, c=4]
  options: {labels: {from: overlay}}
`,
    };
  }
  for (const behavior of ['merge', 'replace']) {
    void it(behavior, () => {
      const files = overlay(behavior);
      const oracle = kubectlKustomize(files);
      assert.ok(oracle.ok, oracle.stderr);
      const baseFiles = { 'kustomization.yaml': files['base/kustomization.yaml'] as string };
      const loader = { root: '/', load: (): Uint8Array => new Uint8Array() };
      const [base] = generateResources(parse(baseFiles['kustomization.yaml']) as JsonObject, loader);
      const [top] = generateResources(parse(files['kustomization.yaml'] as string) as JsonObject, loader);
      assert.ok(base && top);
      const merged = absorbGenerated(base, top, 'ConfigMap.v1.[noGrp]/cfg.[noNs]');
      const metadata = merged.object['metadata'] as JsonObject;
      metadata['name'] = `${String(metadata['name'])}-${nameHashSuffix(merged.object)}`;
      assert.deepEqual([merged.object], oracle.objects);
    });
  }
  void it('create over an existing one fails in both', () => {
    const files = overlay('create');
    assert.equal(kubectlKustomize(files).ok, false);
    const loader = { root: '/', load: (): Uint8Array => new Uint8Array() };
    const [base] = generateResources(parse(files['base/kustomization.yaml'] as string) as JsonObject, loader);
    const [top] = generateResources(parse(files['kustomization.yaml'] as string) as JsonObject, loader);
    assert.ok(base && top);
    assert.throws(() => absorbGenerated(base, top, 'cfg'), /exists; behavior must be merge or replace/);
  });
});
