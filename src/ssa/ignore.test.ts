import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePointer, withIgnoredFields } from './ignore.ts';

const deploy = (replicas: number | undefined, managedFields: unknown[] = [], annotations?: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'apps', managedFields, ...(annotations ? { annotations } : {}) },
  spec: { ...(replicas === undefined ? {} : { replicas }), template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
});

test('JSON pointers unescape ~1 and ~0 and must start with /', () => {
  assert.deepEqual(parsePointer('/metadata/annotations/example.com~1x~0y'), ['metadata', 'annotations', 'example.com/x~y']);
  assert.throws(() => parsePointer('spec/replicas'), /must start with '\/'/);
});

test('an ignored field takes the live value; other fields stay as desired', () => {
  const out = withIgnoredFields(deploy(2), { ...deploy(5), spec: { replicas: 5, template: { spec: { containers: [{ name: 'web', image: 'old' }] } } } }, ['/spec/replicas'], 'kustomize-controller');
  assert.deepEqual(out, deploy(5));
});

test('an ignored field another server-side applier owns, or the live object lacks, is left out of what we apply', () => {
  const hpa = { manager: 'hpa-controller', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:replicas': {} } } };
  assert.deepEqual(withIgnoredFields(deploy(2), deploy(5, [hpa]), ['/spec/replicas'], 'kustomize-controller'), deploy(undefined));
  const live = deploy(undefined, [], { keep: 'x' });
  assert.deepEqual(withIgnoredFields(deploy(2, [], { 'example.com/x': 'git' }), live, ['/spec/replicas', '/metadata/annotations/example.com~1x'], 'kustomize-controller'), deploy(undefined, [], {}));
});
