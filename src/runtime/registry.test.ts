import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectBundles, type ControllerBundle } from './registry.ts';

const bundle = (name: string): ControllerBundle => ({ name, component: `${name}-controller`, defaultConcurrent: 2, controllers: () => [] });

test('--only picks the named bundles; empty means every available one', () => {
  const available = [bundle('source'), bundle('kustomize')];
  assert.deepEqual(selectBundles(available, []).map((b) => b.name), ['source', 'kustomize']);
  assert.deepEqual(selectBundles(available, ['kustomize']).map((b) => b.name), ['kustomize']);
});

test('names that are not available are refused with the list of what is', () => {
  assert.throws(() => selectBundles([bundle('source')], ['helm']), /helm: not implemented yet \(available: source\)/);
  assert.throws(() => selectBundles([bundle('source')], ['nope']), /nope: unknown \(available: source\)/);
  assert.throws(() => selectBundles([], []), /no controllers to run \(available: none: no controller is implemented in this build yet\)/);
});
