import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('without Go on PATH, requireGo says what to install and what it was for', async () => {
  const script = `import { requireGo } from ${JSON.stringify(new URL('./go-toolchain.ts', import.meta.url).pathname)};\nrequireGo('the end-to-end tests');`;
  const result = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: '/nonexistent' } }).catch((e: { stderr: string }) => e);
  assert.ok('stderr' in result);
  assert.match(result.stderr, /Go 1\.26 or newer is needed to build the local Kubernetes control plane for the end-to-end tests/);
  assert.match(result.stderr, /no 'go' command on PATH/);
});
