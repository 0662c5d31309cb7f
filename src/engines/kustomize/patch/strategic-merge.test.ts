import { describe, it } from 'node:test';
import { assertSameAsKubectl } from '../oracle/kubectl-kustomize.ts';
import { applyPatches } from './apply-fields.ts';

/** `resources.yaml` patched by `patch.yaml`, an untargeted entry of `patches:`. */
function assertPatchLikeKubectl(resources: string, patch: string): void {
  const files = { 'kustomization.yaml': 'resources: [resources.yaml]\npatches:\n- path: patch.yaml\n', 'resources.yaml': resources, 'patch.yaml': patch };
  assertSameAsKubectl(files, (res, loader) => applyPatches(res, [{ path: 'patch.yaml' }], loader));
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  finalizers: [a, b]
spec:
  paused: null
  template:
    spec:
      containers:
      - name: a
        image: a
        env:
        - {name: X, value: "1"}
        - {name: Y, value: "2"}
      - name: b
        image: b
      - name: c
        image: c
      tolerations:
      - {key: k, operator: Exists}
      securityContext:
        runAsUser: 1
`;

const head = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';

void describe('strategic merge patches give what kubectl kustomize gives', () => {
  void it('merges containers by name, patch elements first, then the remaining ones', () => {
    assertPatchLikeKubectl(deployment, `${head}spec:\n  template:\n    spec:\n      containers:\n      - {name: c, image: c2}\n      - {name: new, image: n}\n`);
  });
  void it('merges env inside a merged container and deletes elements with $patch: delete', () => {
    assertPatchLikeKubectl(deployment, `${head}spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - {name: Y, $patch: delete}\n        - {name: Z, value: "3"}\n      - {name: b, $patch: delete}\n`);
  });
  void it('replaces a whole list with a $patch: replace element', () => {
    assertPatchLikeKubectl(deployment, `${head}spec:\n  template:\n    spec:\n      containers:\n      - $patch: replace\n      - {name: only, image: o}\n`);
  });
  void it('replaces and deletes maps with $patch', () => {
    assertPatchLikeKubectl(deployment, `${head}spec:\n  template:\n    spec:\n      securityContext:\n        $patch: replace\n        fsGroup: 2\n      nodeSelector:\n        $patch: delete\n`);
  });
  void it('unions primitive lists with a merge strategy, patch values first; replaces others', () => {
    assertPatchLikeKubectl(deployment, `${head}  finalizers: [c, a]\nspec:\n  template:\n    spec:\n      tolerations:\n      - {key: other, operator: Exists}\n`);
  });
  void it('deletes keys set to null and keeps nulls the patch does not touch', () => {
    assertPatchLikeKubectl(deployment, `${head}spec:\n  template:\n    spec:\n      securityContext: null\n      containers:\n      - {name: a, env: null}\n`);
  });
  void it('deletes the whole resource with a top-level $patch: delete', () => {
    assertPatchLikeKubectl(`${deployment}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keep\n`, `${head}$patch: delete\n`);
  });
  void it('merges Service ports on port and protocol', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - {port: 80, name: http}\n  - {port: 53, protocol: UDP, name: dns}\n';
    assertPatchLikeKubectl(service, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - {port: 53, protocol: TCP, name: dns-tcp}\n  - {port: 80, targetPort: 8080}\n');
  });
  void it('replaces the lists of a custom resource and keeps unknown directives as fields', () => {
    const cr = 'apiVersion: x.io/v1\nkind: Thing\nmetadata:\n  name: t\nspec:\n  items:\n  - {name: a, v: 1}\n  - {name: b}\n  conf: {a: 1, b: 2}\n';
    assertPatchLikeKubectl(cr, 'apiVersion: x.io/v1\nkind: Thing\nmetadata:\n  name: t\nspec:\n  items:\n  - {name: b, v: 2}\n  - $patch: replace\n  conf:\n    b: null\n    c: 3\n  $setElementOrder/items: [{name: b}]\n');
  });
  void it('fails like kubectl on an unknown directive and on a list patched with a map', () => {
    assertPatchLikeKubectl(deployment, `${head}spec:\n  template:\n    spec:\n      securityContext:\n        $patch: nope\n`);
    assertPatchLikeKubectl(deployment, `${head}spec:\n  template:\n    spec:\n      containers: {name: a}\n`);
  });
});
