import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ignoredGates, parseFeatureGates } from './feature-gates.ts';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));

test('--feature-gates parses Name=bool pairs; repeated flags accumulate and later settings win', () => {
  const first = parseFeatureGates('ObjectLevelWorkloadIdentity=true, StrictPostBuildSubstitutions=false');
  assert.deepEqual(first, { ObjectLevelWorkloadIdentity: true, StrictPostBuildSubstitutions: false });
  assert.deepEqual(parseFeatureGates('ObjectLevelWorkloadIdentity=FALSE', first), { ObjectLevelWorkloadIdentity: false, StrictPostBuildSubstitutions: false });
  assert.deepEqual(ignoredGates(first), ['StrictPostBuildSubstitutions']);
  assert.throws(() => parseFeatureGates('NoSuchGate=true'), /unrecognized feature gate: NoSuchGate/);
  assert.throws(() => parseFeatureGates('ObjectLevelWorkloadIdentity'), /missing bool value/);
  assert.throws(() => parseFeatureGates('ObjectLevelWorkloadIdentity=yes'), /invalid value of ObjectLevelWorkloadIdentity=yes/);
});

test('tsflux controllers: --default-kubeconfig-service-account without the gate is refused before connecting; with it, startup proceeds', () => {
  const args = ['controllers', '--only', 'kustomize', '--default-kubeconfig-service-account', 'remote', '--kubeconfig', '/nonexistent'];
  const refused = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr + refused.stdout, /--default-kubeconfig-service-account requires --feature-gates=ObjectLevelWorkloadIdentity=true/);
  const accepted = spawnSync(process.execPath, [main, ...args, '--feature-gates', 'ObjectLevelWorkloadIdentity=true'], { encoding: 'utf8' });
  assert.match(accepted.stderr, /reading kubeconfig \/nonexistent/);
  const unknown = spawnSync(process.execPath, [main, 'controllers', '--feature-gates', 'Bogus=true'], { encoding: 'utf8' });
  assert.notEqual(unknown.status, 0);
  assert.match(unknown.stderr, /unrecognized feature gate: Bogus/);
});
