import { describe, it } from 'node:test';
import { assertSameAsKubectl } from '../oracle/kubectl-kustomize.ts';
import { parseYamlDocuments } from '../yaml/reader.ts';
import type { JsonValue } from '../resource.ts';
import { applyReplacements } from './apply.ts';

const resources = `apiVersion: v1
kind: ConfigMap
metadata:
  name: src
data:
  image: reg.io/app:v1.2
  count: "3"
  port: "8080"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    spec:
      containers:
      - {name: app, image: old, args: [--a, --b]}
      - {name: apple, image: old}
      - {name: side, image: old:tag}
---
apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  ports:
  - {name: http, port: 80}
`;

/** Runs the `replacements:` YAML in both engines. */
function assertReplacementsLikeKubectl(replacements: string): void {
  const files = { 'kustomization.yaml': `resources: [resources.yaml]\nreplacements:\n${replacements}`, 'resources.yaml': resources };
  const entries = parseYamlDocuments(replacements, 'replacements')[0] as JsonValue[];
  assertSameAsKubectl(files, (res, loader) => applyReplacements(res, entries, loader));
}

void describe('replacements give what kubectl kustomize gives', () => {
  void it('element selectors are unanchored regular expressions; * takes every element', () => {
    assertReplacementsLikeKubectl(`- source: {kind: ConfigMap, fieldPath: data.image}
  targets:
  - select: {kind: Deployment}
    fieldPaths:
    - spec.template.spec.containers.[name=app].image
- source: {kind: ConfigMap, fieldPath: data.port}
  targets:
  - select: {kind: Deployment}
    fieldPaths: [spec.template.spec.containers.*.args.0]
`);
  });
  void it('targets keep their type: strings into numbers and numbers into strings', () => {
    assertReplacementsLikeKubectl(`- source: {kind: ConfigMap, fieldPath: data.count}
  targets:
  - select: {kind: Deployment}
    fieldPaths: [spec.replicas]
- source: {kind: Service, fieldPath: spec.ports.0.port}
  targets:
  - select: {kind: ConfigMap}
    fieldPaths: [data.port]
  - select: {kind: Deployment}
    fieldPaths: [spec.template.metadata.annotations.port, spec.minReadySeconds]
    options: {create: true}
`);
  });
  void it('delimiter and index on source and target', () => {
    assertReplacementsLikeKubectl(`- source: {kind: ConfigMap, fieldPath: data.image, options: {delimiter: ':', index: 1}}
  targets:
  - select: {kind: Deployment}
    fieldPaths:
    - spec.template.spec.containers.[name=side].image
    options: {delimiter: ':', index: 1}
  - select: {kind: Deployment}
    fieldPaths:
    - spec.template.spec.containers.[name=app].args.1
    options: {delimiter: '-', index: -1}
`);
  });
  void it('fails when a target field is missing without create, or the source is ambiguous', () => {
    assertReplacementsLikeKubectl(`- source: {kind: ConfigMap, fieldPath: data.port}
  targets:
  - select: {kind: Service}
    fieldPaths: [spec.clusterIP]
`);
    assertReplacementsLikeKubectl(`- source: {name: web}
  targets:
  - select: {kind: Service}
- source: {version: v1}
  targets:
  - select: {kind: Service}
`);
  });
});
