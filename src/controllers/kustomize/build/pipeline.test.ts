import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildManifests } from './pipeline.ts';
import { BuildError } from './errors.ts';
import { TestRepo } from '../../../../test/support/git-fixtures.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ks-build-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const cm = (name: string, data = 'key: value') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  ${data}\n`;

test('generates a kustomization from the YAML files under the path, descending into plain folders only', async () => {
  const root = tree({
    'apps/a.yaml': cm('a'),
    'apps/sub/b.yml': cm('b'),
    'apps/notes.txt': 'not yaml',
    'apps/kust/kustomization.yaml': 'resources: [c.yaml]\nnamePrefix: k-\n',
    'apps/kust/c.yaml': cm('c'),
  });
  const objects = await buildManifests(root, { path: './apps' });
  assert.deepEqual(objects.map((o) => o.metadata.name).sort(), ['a', 'b', 'k-c']);
});

test('spec fields are written into an existing kustomization: targetNamespace, prefix, suffix, images, patches, commonMetadata', async () => {
  const root = tree({
    'kustomization.yaml': 'resources: [deploy.yaml, cm.yaml]\n',
    'cm.yaml': cm('settings'),
    'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.0\n',
  });
  const objects = await buildManifests(root, {
    targetNamespace: 'apps',
    namePrefix: 'p-',
    nameSuffix: '-s',
    images: [{ name: 'nginx', newTag: '2.0' }],
    patches: [{ patch: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  patched: "yes"\n', target: { kind: 'ConfigMap' } }],
    commonMetadata: { labels: { team: 'a' } },
  });
  const deploy = objects.find((o) => o.kind === 'Deployment') as unknown as { metadata: { name: string; namespace: string; labels: Record<string, string> }; spec: { template: { spec: { containers: { image: string }[] } } } };
  assert.equal(deploy.metadata.name, 'p-web-s');
  assert.equal(deploy.metadata.namespace, 'apps');
  assert.equal(deploy.metadata.labels.team, 'a');
  assert.equal(deploy.spec.template.spec.containers[0]!.image, 'nginx:2.0');
  const settings = objects.find((o) => o.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
  assert.deepEqual(settings.data, { key: 'value', patched: 'yes' });
});

test('postBuild substitution: variables, defaults, the disabled annotation, strict failure', async () => {
  const root = tree({
    'a.yaml': cm('a', 'key: ${greeting}-${missing:=fallback}'),
    'b.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  key: \${greeting}\n`,
  });
  const substitution = { variables: { greeting: 'hello' }, strict: true, strategy: 'WithVariables' as const };
  const objects = await buildManifests(root, {}, { substitution });
  const data = Object.fromEntries(objects.map((o) => [o.metadata.name, (o as unknown as { data: { key: string } }).data.key]));
  assert.deepEqual(data, { a: 'hello-fallback', b: '${greeting}' });

  const strictRoot = tree({ 'a.yaml': cm('a', 'key: ${undefined_var}') });
  await assert.rejects(buildManifests(strictRoot, {}, { substitution }), (err: Error) => err instanceof BuildError && /ConfigMap\/a/.test(err.message) && /undefined_var/.test(err.message));
});

test('invalid YAML fails the build naming the file', async () => {
  const root = tree({ 'good.yaml': cm('a'), 'deploy/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  bad: [unclosed\n' });
  await assert.rejects(buildManifests(root, {}), (err: Error) => err instanceof BuildError && err.message.includes('deploy/bad.yaml'));
});

test('an encrypted Secret without decryption configured is refused', async () => {
  const root = tree({
    's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:m,iv:x,tag:y,type:str]\n  version: 3.9.0\n',
  });
  await assert.rejects(buildManifests(root, {}), /Secret\/s is SOPS encrypted, configuring decryption is required/);
});

test('a path outside the artifact is refused', async () => {
  const root = tree({ 'a.yaml': cm('a') });
  await assert.rejects(buildManifests(root, { path: '../..' }), /outside the artifact/);
});

test('spec.components are added to the kustomization; missing ones fail unless ignoreMissingComponents', async () => {
  const root = tree({
    'app/a.yaml': cm('a'),
    'components/label/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonLabels:\n  tier: web\n',
  });
  const objects = await buildManifests(root, { path: './app', components: ['../components/label'] });
  assert.equal(objects[0]!.metadata.labels?.tier, 'web');
  await assert.rejects(buildManifests(root, { path: './app', components: ['../components/absent'] }), BuildError);
  const tolerant = await buildManifests(root, { path: './app', components: ['../components/label', '../components/absent'], ignoreMissingComponents: true });
  assert.equal(tolerant[0]!.metadata.labels?.tier, 'web');
});

test('an encrypted Secret annotated decrypt: Disabled passes through encrypted, even without decryption', async () => {
  const root = tree({
    's.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n    kustomize.toolkit.fluxcd.io/decrypt: Disabled\ndata:\n  k: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:m,iv:x,tag:y,type:str]\n  version: 3.9.0\n',
  });
  const [secret] = await buildManifests(root, {});
  assert.equal((secret as unknown as { data: { k: string } }).data.k, 'ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]');
});

test('substituteStrategy: WithVariables leaves objects alone without variables, Always substitutes defaults anyway', async () => {
  const root = tree({ 'a.yaml': cm('a', 'key: ${region:=eu}') });
  const keyOf = async (strategy: 'WithVariables' | 'Always') =>
    ((await buildManifests(root, {}, { substitution: { variables: {}, strict: true, strategy } }))[0] as unknown as { data: { key: string } }).data.key;
  assert.equal(await keyOf('WithVariables'), '${region:=eu}');
  assert.equal(await keyOf('Always'), 'eu');
});

test('remote bases: a git base outside the artifact is followed by default; with remoteBases false the build names it', async (t) => {
  const repo = TestRepo.create(mkdtempSync(join(tmpdir(), 'ks-remote-')), 'platform');
  t.after(() => repo.dispose());
  repo.write({ 'base/kustomization.yaml': 'resources: [cm.yaml]\nnamePrefix: shared-\n', 'base/cm.yaml': cm('settings') }).commit('base');
  repo.push();
  const url = `file://${repo.bare}//base`;
  const root = tree({ 'kustomization.yaml': `resources:\n- ${url}\n- local.yaml\n`, 'local.yaml': cm('local') });
  const objects = await buildManifests(root, {});
  assert.deepEqual(objects.map((o) => o.metadata.name).sort(), ['local', 'shared-settings']);
  await assert.rejects(buildManifests(root, {}, { remoteBases: false }), (err: Error) => err instanceof BuildError && err.message.includes(`remote bases are disabled: refusing to load '${url}'`));
});
