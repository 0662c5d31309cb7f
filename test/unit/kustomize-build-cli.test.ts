// `tsflux kustomize build DIR` follows remote bases as `kubectl kustomize DIR` does: one overlay over a
// base in a git repository on disk (file://, fetched with git at a ref), built by both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'tsflux.js');
const kubectl = process.env.TSFLUX_KUSTOMIZE_KUBECTL || '/usr/bin/kubectl';

test('tsflux kustomize build prints what kubectl kustomize prints for an overlay of a remote git base', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tsflux-kbuild-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const repo = join(root, 'platform');
  mkdirSync(join(repo, 'base'), { recursive: true });
  writeFileSync(join(repo, 'base', 'kustomization.yaml'), 'resources:\n- cm.yaml\ncommonLabels:\n  tier: platform\n');
  writeFileSync(join(repo, 'base', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: "1"\n');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'v1');
  git('tag', 'v1');
  const app = join(root, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'kustomization.yaml'), `namePrefix: app-\nresources:\n- file://${repo}//base?ref=v1\n`);

  const theirs = execFileSync(kubectl, ['kustomize', app], { encoding: 'utf8' });
  const ours = execFileSync(process.execPath, [bin, 'kustomize', 'build', app], { encoding: 'utf8' });
  assert.match(theirs, /name: app-settings/);
  assert.equal(ours, theirs);
});
