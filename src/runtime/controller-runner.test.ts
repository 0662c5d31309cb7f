import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jitter } from './controller-runner.ts';
import { defineController } from './controller.ts';

test('interval jitter stays within ± the percentage', () => {
  assert.equal(jitter(60_000, 5, () => 0), 57_000);
  assert.equal(jitter(60_000, 5, () => 0.5), 60_000);
  assert.equal(jitter(60_000, 5, () => 1), 63_000);
  assert.equal(jitter(60_000, 0, () => 0.9), 60_000);
});

test('defineController fills in Flux defaults and refuses a kind without apiVersion', () => {
  const def = defineController({ kind: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' }, reconcile: async () => {} });
  assert.equal(def.name, 'kustomization');
  assert.equal(def.conventions, 'flux');
  assert.equal(def.finalizer, 'finalizers.fluxcd.io');
  assert.deepEqual(def.watches, []);
  assert.throws(() => defineController({ kind: { apiVersion: '', kind: 'X' }, reconcile: async () => {} }), /needs apiVersion and kind/);
});
