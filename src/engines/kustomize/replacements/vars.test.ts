import { describe, it } from 'node:test';
import { VAR_REFERENCE_SPECS } from '../config/default-field-specs.ts';
import { assertSameAsKubectl } from '../oracle/kubectl-kustomize.ts';
import { parseYamlDocuments } from '../yaml/reader.ts';
import type { JsonValue } from '../resource.ts';
import { resolveVars } from './vars.ts';

const resources = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  ports:
  - {port: 5432}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    text: "host $(HOST), port $(PORT), cost $$5, $$(HOST), $(NOPE), $(unclosed"
spec:
  containers:
  - name: c
    image: i
    args: [$(PORT), "--host=$(HOST)", $(PORTS), $(FLAG)]
    env:
    - {name: P, value: $(PORT)}
`;

const vars = `- name: HOST
  objref: {kind: Service, name: db, apiVersion: v1}
- name: PORT
  objref: {kind: Service, name: db, apiVersion: v1}
  fieldref: {fieldpath: 'spec.ports[0].port'}
- name: PORTS
  objref: {kind: Service, name: db, apiVersion: v1}
  fieldref: {fieldPath: spec.ports}
- name: FLAG
  objref: {kind: Pod, name: p, apiVersion: v1}
  fieldref: {fieldPath: metadata.name}
`;

void describe('vars give what kubectl kustomize gives', () => {
  void it('substitutes in the varReference fields, typed when the var is the whole value', () => {
    const files = { 'kustomization.yaml': `resources: [resources.yaml]\nvars:\n${vars}`, 'resources.yaml': resources };
    const entries = parseYamlDocuments(vars, 'vars')[0] as JsonValue[];
    assertSameAsKubectl(files, (res) => resolveVars(res, entries, VAR_REFERENCE_SPECS));
  });
  void it('fails for a var whose object does not exist', () => {
    const missing = '- name: X\n  objref: {kind: Service, name: nope, apiVersion: v1}\n';
    const files = { 'kustomization.yaml': `resources: [resources.yaml]\nvars:\n${missing}`, 'resources.yaml': resources };
    assertSameAsKubectl(files, (res) => resolveVars(res, parseYamlDocuments(missing, 'vars')[0] as JsonValue[], VAR_REFERENCE_SPECS));
  });
});
