import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { remoteBasesAllowed, setRemoteBasesAllowed } from '../../controllers/kustomize/build/remote-bases.ts';
import { registerControllersCommands } from './controllers.ts';

/** Parses `tsflux controllers ARGS` in this process; `--only none` makes it stop before connecting. */
async function remoteBasesAfter(...args: string[]): Promise<boolean> {
  setRemoteBasesAllowed(!remoteBasesAllowed());
  const program = new Command().exitOverride();
  registerControllersCommands(program, []);
  await program.parseAsync(['controllers', '--only', 'none', ...args], { from: 'user' });
  assert.equal(process.exitCode, 2);
  process.exitCode = undefined;
  return remoteBasesAllowed();
}

test('--no-remote-bases as upstream spells it: remote bases are followed unless it is set', async () => {
  try {
    assert.equal(await remoteBasesAfter(), true);
    assert.equal(await remoteBasesAfter('--no-remote-bases'), false);
    assert.equal(await remoteBasesAfter('--no-remote-bases=true'), false);
    assert.equal(await remoteBasesAfter('--no-remote-bases=false'), true);
    await assert.rejects(remoteBasesAfter('--no-remote-bases=maybe'), /want true or false, got "maybe"/);
  } finally {
    setRemoteBasesAllowed(true);
    process.exitCode = undefined;
  }
});
