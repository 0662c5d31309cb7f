import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { controllerOptionsOf, registerControllersCommands, type ControllersOptions } from './controllers.ts';

/** Parses `tsflux controllers ARGS` in this process; `--only none` makes it stop before connecting. */
async function noRemoteBasesAfter(...args: string[]): Promise<boolean> {
  const program = new Command().exitOverride();
  registerControllersCommands(program, []);
  try {
    await program.parseAsync(['controllers', '--only', 'none', ...args], { from: 'user' });
    assert.equal(process.exitCode, 2);
  } finally {
    process.exitCode = undefined;
  }
  const parsed = program.commands.find((c) => c.name() === 'controllers')!.opts<ControllersOptions>();
  return controllerOptionsOf(parsed, 'flux-system').noRemoteBases;
}

test('--no-remote-bases as upstream spells it: remote bases are followed unless it is set', async () => {
  assert.equal(await noRemoteBasesAfter(), false);
  assert.equal(await noRemoteBasesAfter('--no-remote-bases'), true);
  assert.equal(await noRemoteBasesAfter('--no-remote-bases=true'), true);
  assert.equal(await noRemoteBasesAfter('--no-remote-bases=false'), false);
  await assert.rejects(noRemoteBasesAfter('--no-remote-bases=maybe'), /want true or false, got "maybe"/);
});
