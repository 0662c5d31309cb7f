import { describe, it } from 'node:test';
import { assertSameAsKubectl } from '../oracle/kubectl-kustomize.ts';
import { applyPatches, applyPatchesJson6902 } from './apply-fields.ts';

const resources = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  a: "1"
  list: x
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - {name: a, image: a, args: [x, y, z]}
      - {name: b, image: b}
`;

/** Applies `ops` (YAML text) to the Deployment through `patches:` with a target, in both engines. */
function assertOpsLikeKubectl(ops: string): void {
  const entry = { target: { kind: 'Deployment' }, patch: ops };
  const kustomization = `resources: [resources.yaml]\npatches:\n- target: {kind: Deployment}\n  patch: ${JSON.stringify(ops)}\n`;
  assertSameAsKubectl({ 'kustomization.yaml': kustomization, 'resources.yaml': resources }, (res, loader) => applyPatches(res, [entry], loader));
}

void describe('JSON 6902 patches behave like kustomize (json-patch v4)', () => {
  void it('add, remove, replace, move, copy and test', () => {
    assertOpsLikeKubectl(`- {op: add, path: /spec/template/spec/containers/1, value: {name: mid, image: m}}
- {op: remove, path: /spec/template/spec/containers/0/args/1}
- {op: replace, path: /spec/template/spec/containers/0/image, value: a2}
- {op: move, from: /spec/template/spec/containers/2, path: /spec/template/spec/containers/0}
- {op: copy, from: /metadata/name, path: /metadata/labels}
- {op: test, path: /spec/template/spec/containers/0/name, value: b}`);
  });
  void it('replace of a missing map key adds it; negative indexes count from the end', () => {
    assertOpsLikeKubectl(`- {op: replace, path: /spec/replicas, value: 3}
- {op: add, path: /spec/template/spec/containers/-1, value: {name: before-last, image: x}}
- {op: remove, path: /spec/template/spec/containers/0/args/-1}`);
  });
  void it('fails where json-patch fails', () => {
    assertOpsLikeKubectl('- {op: add, path: /spec/missing/deeper, value: 1}');
    assertOpsLikeKubectl('- {op: remove, path: /spec/nothere}');
    assertOpsLikeKubectl('- {op: test, path: /metadata/name, value: other}');
    assertOpsLikeKubectl('- {op: add, path: /spec/template/spec/containers/5, value: {}}');
  });
  void it('the legacy patchesJson6902 field, from a file', () => {
    const files = {
      'kustomization.yaml': 'resources: [resources.yaml]\npatchesJson6902:\n- target: {version: v1, kind: ConfigMap, name: cm}\n  path: ops.json\n',
      'resources.yaml': resources,
      'ops.json': '[{"op": "add", "path": "/data/b", "value": "2"}, {"op": "remove", "path": "/data/list"}]',
    };
    assertSameAsKubectl(files, (res, loader) => applyPatchesJson6902(res, [{ target: { version: 'v1', kind: 'ConfigMap', name: 'cm' }, path: 'ops.json' }], loader));
  });
});
