// bin/tsflux.js on the Node a fresh machine has (20, end of life): it cannot run our TypeScript, so the
// launcher must hand over to the Node 24 that npm installed beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** The machine's own `node` (npm puts node_modules/.bin first on PATH; look past it), if older than 24. */
function systemNode(): { path: string; version: string } | undefined {
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules')).join(delimiter);
  try {
    const found = execFileSync('sh', ['-c', 'command -v node'], { env: { PATH: path }, encoding: 'utf8' }).trim();
    const version = execFileSync(found, ['--version'], { encoding: 'utf8' }).trim();
    return Number(/^v(\d+)/.exec(version)?.[1]) < 24 ? { path: found, version } : undefined;
  } catch {
    return undefined;
  }
}

void test('bin/tsflux.js started by an older system Node re-executes itself with the pinned Node 24', async (t) => {
  const old = systemNode();
  if (!old) {
    t.skip('no Node older than 24 on this machine to start the launcher with');
    return;
  }
  const { stdout } = await run(old.path, [join(root, 'bin', 'tsflux.js'), '--version']);
  assert.equal(stdout.trim(), pkg.version, `tsflux --version under ${old.version}`);
});
