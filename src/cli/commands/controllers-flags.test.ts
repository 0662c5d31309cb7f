import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));

test('--no-remote-bases is accepted as upstream spells it; asking for remote bases is refused before connecting', () => {
  const refused = spawnSync(process.execPath, [main, 'controllers', '--only', 'kustomize', '--no-remote-bases=false', '--kubeconfig', '/nonexistent'], { encoding: 'utf8' });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr + refused.stdout, /unsupported --no-remote-bases=false/);
  // Accepted: it gets as far as reading the kubeconfig.
  const accepted = spawnSync(process.execPath, [main, 'controllers', '--only', 'kustomize', '--no-remote-bases', '--kubeconfig', '/nonexistent'], { encoding: 'utf8' });
  assert.match(accepted.stderr, /reading kubeconfig \/nonexistent/);
});
