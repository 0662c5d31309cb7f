// `tsflux create|get|reconcile|suspend|resume|delete|export source git` and `create secret git`,
// with the flags and the `✚ ► ✔ ◎ ✗` progress lines of the flux CLI.
import { Command, InvalidArgumentError } from 'commander';
import { GitRepositoryKind, type GitRepository } from '../../api/source/git-repository.ts';
import { parseGoDuration } from '../../runtime/duration.ts';
import type { KubeClient, KubeObject } from '../../kube/index.ts';
import { confirm, connect, createOrUpdate, failing, requestReconcile, say, selectObjects, setSuspended, waitForReady as waitForObject, type GlobalFlags as CommonFlags } from '../flux-objects.ts';
import { matchesStatusSelector, statusTable } from '../status-table.ts';
import { subcommand } from '../verbs.ts';
import { exportable, gitRepositoryFromFlags, toYamlDocuments, type CreateGitFlags } from './source-git-object.ts';
import { gitSecretData, type GitSecretFlags } from './source-secret.ts';

interface GlobalFlags extends CommonFlags {
  timeout: number;
}

const ref = (namespace: string, name: string) => ({ apiVersion: GitRepositoryKind.apiVersion, kind: GitRepositoryKind.kind, namespace, name });
const waitForReady = (client: KubeClient, namespace: string, name: string, timeoutMs: number, token?: string) =>
  waitForObject<GitRepository>(client, ref(namespace, name), { timeoutMs, token });
const duration = (flag: string) => (value: string) => {
  try {
    return parseGoDuration(value);
  } catch {
    throw new InvalidArgumentError(`${flag} wants a Go duration such as 1m or 30s, got "${value}"`);
  }
};
const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];

export function registerSourceCommands(program: Command): void {
  const source = (verb: string, description: string) =>
    subcommand(subcommand(program, verb, `${verb} Flux resources`), 'source', `${verb} sources`)
      .command('git')
      .description(description)
      .option('--timeout <duration>', 'how long to wait for the operation', duration('--timeout'), 300_000);

  source('create', 'create or update a GitRepository source')
    .argument('<name>')
    .requiredOption('--url <url>', 'git address, e.g. ssh://git@host/org/repository')
    .option('--branch <branch>', 'git branch')
    .option('--tag <tag>', 'git tag')
    .option('--tag-semver <range>', 'git tag semver range')
    .option('--ref-name <ref>', 'git reference name, e.g. refs/pull/420/head')
    .option('--commit <sha>', 'git commit')
    .option('--secret-ref <name>', 'the name of an existing secret containing SSH or basic credentials')
    .option('-u, --username <username>', 'basic authentication username (creates a Secret named like the source)')
    .option('-p, --password <password>', 'basic authentication password')
    .option('--bearer-token <token>', 'bearer token for HTTPS (creates a Secret named like the source)')
    .option('--interval <duration>', 'source sync interval', duration('--interval'), 60_000)
    .option('--git-timeout <duration>', 'timeout of git operations', duration('--git-timeout'))
    .option('--ignore-paths <paths>', 'paths to ignore in the artifact (comma-separated, gitignore format)', collect)
    .option('--recurse-submodules', 'check out submodules recursively')
    .option('--sparse-checkout-paths <paths>', 'directories to check out (comma-separated)', collect)
    .option('--label <key=value>', 'labels to set on the object (repeatable)', collect)
    .option('--export', 'print the object as YAML instead of applying it')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & CreateGitFlags & { export?: boolean; username?: string; password?: string; bearerToken?: string }>();
      const withCredentials = Boolean(flags.username || flags.password || flags.bearerToken);
      if (withCredentials && !flags.secretRef) flags.secretRef = name;
      const obj = gitRepositoryFromFlags(name, flags.namespace, flags);
      if (flags.export) {
        process.stdout.write(toYamlDocuments([obj]));
        return;
      }
      const client = await connect(flags);
      if (withCredentials) {
        const { data } = await gitSecretData({ url: flags.url, username: flags.username, password: flags.password, bearerToken: flags.bearerToken, sshKeyAlgorithm: 'ecdsa', sshEcdsaCurve: 'p384', sshRsaBits: '2048' });
        say('► applying secret with repository credentials');
        await createOrUpdate(client, { apiVersion: 'v1', kind: 'Secret', metadata: { name: flags.secretRef!, namespace: flags.namespace }, stringData: data });
        say('✔ authentication configured');
      }
      say('✚ generating GitRepository source');
      say('► applying GitRepository source');
      await createOrUpdate(client, obj);
      say('✔ GitRepository source created');
      say('◎ waiting for GitRepository source reconciliation');
      const ready = await waitForReady(client, flags.namespace, name, flags.timeout);
      say('✔ GitRepository source reconciliation completed');
      say(`✔ fetched revision: ${ready.status?.artifact?.revision ?? ''}`);
    }));

  subcommand(subcommand(program, 'create', 'create Flux resources'), 'secret', 'create Secrets for Flux sources')
    .command('git')
    .description('create or update a Secret for a GitRepository (basic auth, bearer token or SSH with a generated key)')
    .argument('<name>')
    .requiredOption('--url <url>', 'git address the Secret is for (ssh:// URLs get an SSH key and known_hosts)')
    .option('-u, --username <username>', 'basic authentication username')
    .option('-p, --password <password>', 'basic authentication password (or SSH key passphrase)')
    .option('--bearer-token <token>', 'bearer token for HTTPS')
    .option('--private-key-file <path>', 'SSH private key to use instead of generating one')
    .option('--ssh-key-algorithm <algorithm>', 'generated SSH key algorithm: ecdsa, ed25519 or rsa', 'ecdsa')
    .option('--ssh-ecdsa-curve <curve>', 'generated ECDSA key curve: p256, p384 or p521', 'p384')
    .option('--ssh-rsa-bits <bits>', 'generated RSA key size', '2048')
    .option('--ca-file <path>', 'CA certificate bundle for HTTPS')
    .option('--export', 'print the Secret as YAML instead of applying it')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & GitSecretFlags & { export?: boolean }>();
      const { data, publicKey } = await gitSecretData(flags);
      const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: flags.namespace }, stringData: data };
      if (flags.export) {
        process.stdout.write(toYamlDocuments([secret]));
        return;
      }
      if (publicKey) say(`► deploy key: ${publicKey}`);
      await createOrUpdate(await connect(flags), secret);
      say(`✔ git secret '${name}' created in '${flags.namespace}' namespace`);
    }));

  subcommand(subcommand(program, 'get', 'get the status of Flux resources'), 'sources', 'get source statuses', ['source'])
    .command('git')
    .description('get GitRepository source statuses')
    .argument('[name]')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('--status-selector <condition=status>', 'only objects whose condition has this status, e.g. ready=false')
    .option('--no-header', 'skip the header line')
    .action(failing(async (name: string | undefined, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { allNamespaces?: boolean; statusSelector?: string; header: boolean }>();
      const client = await connect(flags);
      const items = await selectObjects<GitRepository>(client, GitRepositoryKind, flags.namespace, name, flags.allNamespaces);
      const selected = items.filter((o) => matchesStatusSelector(o, flags.statusSelector));
      if (selected.length === 0) {
        say(flags.allNamespaces ? '✗ no GitRepository objects found' : `✗ no GitRepository objects found in ${flags.namespace} namespace`);
        return;
      }
      process.stdout.write(statusTable(selected, { allNamespaces: flags.allNamespaces, noHeader: !flags.header }));
    }));

  source('reconcile', 'trigger a GitRepository reconciliation and wait for it')
    .argument('<name>')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags>();
      const client = await connect(flags);
      const current = await client.get<GitRepository>(ref(flags.namespace, name));
      if (current.spec.suspend) throw new Error(`resource is suspended`);
      say(`► annotating GitRepository ${name} in ${flags.namespace} namespace`);
      const token = await requestReconcile(client, ref(flags.namespace, name));
      say('✔ GitRepository annotated');
      say('◎ waiting for GitRepository reconciliation');
      const ready = await waitForReady(client, flags.namespace, name, flags.timeout, token);
      say(`✔ fetched revision ${ready.status?.artifact?.revision ?? ''}`);
    }));

  for (const [verb, suspend] of [['suspend', true], ['resume', false]] as const) {
    source(verb, `${verb} reconciliation of a GitRepository`)
      .argument('<name>')
      .action(failing(async (name: string, _o: unknown, cmd: Command) => {
        const flags = cmd.optsWithGlobals<GlobalFlags>();
        const client = await connect(flags);
        say(`► ${suspend ? 'suspending' : 'resuming'} source git ${name} in ${flags.namespace} namespace`);
        await setSuspended(client, ref(flags.namespace, name), suspend);
        say(`✔ source git ${suspend ? 'suspended' : 'resumed'}`);
        if (suspend) return;
        say('◎ waiting for GitRepository reconciliation');
        const token = await requestReconcile(client, ref(flags.namespace, name));
        const ready = await waitForReady(client, flags.namespace, name, flags.timeout, token);
        say('✔ GitRepository reconciliation completed');
        say(`✔ fetched revision ${ready.status?.artifact?.revision ?? ''}`);
      }));
  }

  source('delete', 'delete a GitRepository and its artifacts')
    .argument('<name>')
    .option('-s, --silent', 'delete without asking for confirmation')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { silent?: boolean }>();
      const client = await connect(flags);
      await client.get(ref(flags.namespace, name));
      if (!flags.silent && !(await confirm('Are you sure you want to delete this source git'))) return;
      say(`► deleting source git ${name} in ${flags.namespace} namespace`);
      await client.delete(ref(flags.namespace, name));
      say('✔ source git deleted');
    }));

  source('export', 'print GitRepository sources as YAML')
    .argument('[name]')
    .option('--all', 'export every GitRepository in the namespace')
    .action(failing(async (name: string | undefined, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { all?: boolean }>();
      if (!name && !flags.all) throw new Error('name is required (or --all)');
      const client = await connect(flags);
      const items = await selectObjects<GitRepository>(client, GitRepositoryKind, flags.namespace, name);
      process.stdout.write(toYamlDocuments(items.map((o) => exportable(o))));
    }));
}
