// `tsflux create|get|reconcile|suspend|resume|delete|export|build|diff|tree kustomization`, `events`
// and `get all`, with the flags and the `✚ ► ✔ ◎ ✗` progress lines of the flux CLI.
import { Command } from 'commander';
import { resolve } from 'node:path';
import { KustomizationKind, type Kustomization } from '../../api/kustomize/kustomization.ts';
import { buildManifests, ownerLabels, resolveBuildInputs } from '../../controllers/kustomize/index.ts';
import { renderYaml, type JsonObject } from '../../engines/kustomize/index.ts';
import { isNotFound, type KubeClient, type KubeObject } from '../../kube/index.ts';
import { describeId, parseInventoryEntry, ResourceManager, apiVersionOf, staleObjects, objectId } from '../../ssa/index.ts';
import { confirm, connect, createOrUpdate, failing, requestReconcile, say, selectObjects, setSuspended, waitForHandled, waitForReady as waitForObject, type FluxObject, type GlobalFlags } from '../flux-objects.ts';
import { subcommand } from '../verbs.ts';
import { maskSecretPair, maskSopsSecret } from './secret-mask.ts';
import { kustomizationFromFlags, type CreateKustomizationFlags } from './kustomization-object.ts';
import { exportable, toYamlDocuments } from './source-git-object.ts';
import { formatTable, statusTable } from '../status-table.ts';

const ref = (namespace: string, name: string) => ({ apiVersion: KustomizationKind.apiVersion, kind: KustomizationKind.kind, namespace, name });
const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];
// A Kustomization waiting for its dependencies is not failing: keep waiting, as flux does.
const waitForReady = (client: KubeClient, namespace: string, name: string, token?: string) =>
  waitForObject<Kustomization>(client, ref(namespace, name), { token, transientReasons: ['DependencyNotReady'] });

export function registerKustomizationCommands(program: Command): void {
  const verb = (name: string, description: string, aliases: string[] = []) =>
    subcommand(subcommand(program, name, `${name} Flux resources`), 'kustomization', description, aliases.length > 0 ? aliases : ['ks']);

  verb('create', 'create or update a Kustomization')
    .argument('<name>')
    .requiredOption('--source <kind/name.namespace>', 'source of the manifests, e.g. GitRepository/podinfo')
    .option('--path <path>', 'path to the directory containing a kustomization.yaml or plain manifests', './')
    .option('--prune', 'delete objects that left the source')
    .option('--interval <duration>', 'reconciliation interval', '1m')
    .option('--retry-interval <duration>', 'interval after a failed reconciliation')
    .option('--timeout <duration>', 'timeout of build, apply and health checks')
    .option('--wait', 'wait for every applied object to be healthy')
    .option('--target-namespace <ns>', 'namespace of every applied object')
    .option('--service-account <name>', 'service account to impersonate')
    .option('--depends-on <name>', 'Kustomizations that must be ready first, [namespace/]name (repeatable)', collect)
    .option('--health-check <kind/name.namespace>', 'objects to wait for (repeatable)', collect)
    .option('--decryption-provider <provider>', 'decryption provider (sops)')
    .option('--decryption-secret <name>', 'Secret holding the decryption keys')
    .option('--kubeconfig-secret-ref <name>', 'Secret holding the kubeconfig of the cluster to apply to')
    .option('--label <key=value>', 'labels to set (repeatable)', collect)
    .option('--export', 'print the object as YAML instead of applying it')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & CreateKustomizationFlags & { export?: boolean }>();
      const obj = kustomizationFromFlags(name, flags.namespace, flags);
      if (flags.export) {
        process.stdout.write(toYamlDocuments([obj]));
        return;
      }
      const client = await connect(flags);
      say('✚ generating Kustomization');
      say('► applying Kustomization');
      await createOrUpdate(client, obj);
      say('✔ Kustomization created');
      say('◎ waiting for Kustomization reconciliation');
      const ready = await waitForReady(client, flags.namespace, name);
      say(`✔ Kustomization ${name} is ready`);
      say(`✔ applied revision ${ready.status?.lastAppliedRevision ?? ''}`);
    }));

  verb('get', 'get Kustomization statuses', ['kustomizations', 'ks'])
    .argument('[name]')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .option('--no-header', 'skip the header line')
    .action(failing(async (name: string | undefined, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { allNamespaces?: boolean; header: boolean }>();
      const client = await connect(flags);
      const items = await selectObjects<Kustomization>(client, KustomizationKind, flags.namespace, name, flags.allNamespaces);
      if (items.length === 0) {
        say(flags.allNamespaces ? '✗ no Kustomization objects found' : `✗ no Kustomization objects found in ${flags.namespace} namespace`);
        return;
      }
      process.stdout.write(statusTable(items, { allNamespaces: flags.allNamespaces, noHeader: !flags.header }));
    }));

  verb('reconcile', 'trigger a Kustomization reconciliation and wait for it')
    .argument('<name>')
    .option('--with-source', 'reconcile the source first')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { withSource?: boolean }>();
      const client = await connect(flags);
      const ks = await client.get<Kustomization>(ref(flags.namespace, name));
      if (ks.spec.suspend) throw new Error('resource is suspended');
      if (flags.withSource) {
        const src = ks.spec.sourceRef;
        const srcRef = { apiVersion: src.apiVersion || 'source.toolkit.fluxcd.io/v1', kind: src.kind, namespace: src.namespace || flags.namespace, name: src.name };
        say(`► annotating ${src.kind} ${src.name} in ${srcRef.namespace} namespace`);
        const token = await requestReconcile(client, srcRef);
        say(`◎ waiting for ${src.kind} reconciliation`);
        await waitForHandled(client, srcRef, token);
        say(`✔ ${src.kind} reconciliation completed`);
      }
      say(`► annotating Kustomization ${name} in ${flags.namespace} namespace`);
      const token = await requestReconcile(client, ref(flags.namespace, name));
      say('✔ Kustomization annotated');
      say('◎ waiting for Kustomization reconciliation');
      const ready = await waitForReady(client, flags.namespace, name, token);
      say(`✔ applied revision ${ready.status?.lastAppliedRevision ?? ''}`);
    }));

  for (const [name, suspend] of [['suspend', true], ['resume', false]] as const) {
    verb(name, `${name} reconciliation of a Kustomization`)
      .argument('<name>')
      .action(failing(async (ksName: string, _o: unknown, cmd: Command) => {
        const flags = cmd.optsWithGlobals<GlobalFlags>();
        const client = await connect(flags);
        say(`► ${suspend ? 'suspending' : 'resuming'} kustomization ${ksName} in ${flags.namespace} namespace`);
        await setSuspended(client, ref(flags.namespace, ksName), suspend);
        say(`✔ kustomization ${suspend ? 'suspended' : 'resumed'}`);
        if (suspend) return;
        say('◎ waiting for Kustomization reconciliation');
        const token = await requestReconcile(client, ref(flags.namespace, ksName));
        const ready = await waitForReady(client, flags.namespace, ksName, token);
        say(`✔ applied revision ${ready.status?.lastAppliedRevision ?? ''}`);
      }));
  }

  verb('delete', 'delete a Kustomization (its objects are pruned per deletionPolicy)')
    .argument('<name>')
    .option('-s, --silent', 'delete without asking for confirmation')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { silent?: boolean }>();
      const client = await connect(flags);
      const ks = await client.get<Kustomization>(ref(flags.namespace, name));
      if (!flags.silent) {
        const question = ks.spec.prune && ks.spec.deletionPolicy !== 'Orphan' ? 'Are you sure you want to delete this kustomization and the objects it applied' : 'Are you sure you want to delete this kustomization';
        if (!(await confirm(question))) return;
      }
      say(`► deleting kustomization ${name} in ${flags.namespace} namespace`);
      await client.delete(ref(flags.namespace, name));
      say('✔ kustomization deleted');
    }));

  verb('export', 'print Kustomizations as YAML')
    .argument('[name]')
    .option('--all', 'export every Kustomization in the namespace')
    .action(failing(async (name: string | undefined, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { all?: boolean }>();
      if (!name && !flags.all) throw new Error('name is required (or --all)');
      const client = await connect(flags);
      const items = await selectObjects<Kustomization>(client, KustomizationKind, flags.namespace, name);
      process.stdout.write(toYamlDocuments(items.map((o) => exportable(o as unknown as Parameters<typeof exportable>[0]))));
    }));

  verb('build', 'print the objects the controller would apply for a local directory (substitutions included)')
    .argument('<name>')
    .requiredOption('--path <dir>', 'local directory to build in place of the Kustomization\'s source path')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { path: string }>();
      const client = await connect(flags);
      const { objects } = await localBuild(client, flags.namespace, name, flags.path, false);
      process.stdout.write(renderYaml(objects.map(maskSopsSecret) as unknown as JsonObject[]));
    }));

  verb('diff', 'compare a local directory with the cluster by server-side dry-run; exit code 1 when something would change')
    .argument('<name>')
    .requiredOption('--path <dir>', 'local directory to build in place of the Kustomization\'s source path')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { path: string }>();
      try {
        process.exitCode = (await diff(flags, name)) ? 1 : 0;
      } catch (err) {
        say(`✗ ${(err as Error).message}`);
        process.exitCode = 2;
      }
    });

  verb('tree', 'print the objects a Kustomization manages, nested Kustomizations included')
    .argument('<name>')
    .action(failing(async (name: string, _o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags>();
      const client = await connect(flags);
      const lines = [`Kustomization/${flags.namespace}/${name}`];
      await tree(client, flags.namespace, name, '', lines, new Set());
      process.stdout.write(`${lines.join('\n')}\n`);
    }));

  program
    .command('events')
    .description('show the events of Flux objects (and their objects) in a namespace')
    .option('-A, --all-namespaces', 'events of every namespace')
    .option('--for <kind/name>', 'only the events of this object')
    .action(failing(async (_o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { allNamespaces?: boolean; for?: string }>();
      const client = await connect(flags);
      await printEvents(client, flags);
    }));

  subcommand(subcommand(program, 'get', 'get the status of Flux resources'), 'all', 'get the status of every Flux object')
    .option('-A, --all-namespaces', 'list across all namespaces')
    .action(failing(async (_o: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<GlobalFlags & { allNamespaces?: boolean }>();
      const client = await connect(flags);
      await printAll(client, flags.namespace, flags.allNamespaces ?? false);
    }));
}

const FLUX_KINDS: [string, string][] = [
  ['source.toolkit.fluxcd.io/v1', 'GitRepository'],
  ['source.toolkit.fluxcd.io/v1', 'OCIRepository'],
  ['source.toolkit.fluxcd.io/v1', 'HelmRepository'],
  ['source.toolkit.fluxcd.io/v1', 'HelmChart'],
  ['source.toolkit.fluxcd.io/v1', 'Bucket'],
  [KustomizationKind.apiVersion, KustomizationKind.kind],
  ['helm.toolkit.fluxcd.io/v2', 'HelmRelease'],
  ['notification.toolkit.fluxcd.io/v1', 'Receiver'],
  ['image.toolkit.fluxcd.io/v1', 'ImageRepository'],
  ['image.toolkit.fluxcd.io/v1', 'ImagePolicy'],
  ['image.toolkit.fluxcd.io/v1', 'ImageUpdateAutomation'],
];

async function printAll(client: KubeClient, namespace: string, allNamespaces: boolean): Promise<void> {
  const tables: string[] = [];
  for (const [apiVersion, kind] of FLUX_KINDS) {
    const items = await client.list<FluxObject>(apiVersion, kind, allNamespaces ? {} : { namespace }).then((l) => l.items, () => [] as FluxObject[]);
    if (items.length > 0) tables.push(statusTable(items, { allNamespaces, kindPrefix: true }));
  }
  if (tables.length === 0) say(allNamespaces ? '✗ no Flux objects found' : `✗ no Flux objects found in ${namespace} namespace`);
  process.stdout.write(tables.join('\n'));
}

interface EventObject extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject: { kind: string; name: string; namespace?: string };
}

/** `Kind/name` of the objects `--for` asks about: the object and, for a Kustomization, its source (as flux does). */
async function eventSubjects(client: KubeClient, namespace: string, target: string): Promise<{ namespace: string; kind: string; name: string }[]> {
  const [kind, name] = target.split('/', 2);
  if (!kind || !name) throw new Error(`invalid --for '${target}': want <kind>/<name>`);
  const subjects = [{ namespace, kind, name }];
  if (kind.toLowerCase() === KustomizationKind.kind.toLowerCase()) {
    const ks = await client.get<Kustomization>(ref(namespace, name)).catch(() => undefined);
    const src = ks?.spec.sourceRef;
    if (src) subjects.push({ namespace: src.namespace || namespace, kind: src.kind, name: src.name });
  }
  return subjects;
}

async function printEvents(client: KubeClient, flags: GlobalFlags & { allNamespaces?: boolean; for?: string }): Promise<void> {
  const subjects = flags.for ? await eventSubjects(client, flags.namespace, flags.for) : undefined;
  const namespaces = flags.allNamespaces ? [undefined] : [...new Set([flags.namespace, ...(subjects ?? []).map((s) => s.namespace)])];
  const events = (await Promise.all(namespaces.map((ns) => client.list<EventObject>('v1', 'Event', ns ? { namespace: ns } : {})))).flatMap((l) => l.items);
  const concerns = (e: EventObject) =>
    !subjects ||
    subjects.some((s) => e.involvedObject.kind.toLowerCase() === s.kind.toLowerCase() && e.involvedObject.name === s.name && (e.metadata.namespace ?? '') === s.namespace);
  const selected = events.filter(concerns).sort((a, b) => Date.parse(a.lastTimestamp ?? a.eventTime ?? '') - Date.parse(b.lastTimestamp ?? b.eventTime ?? ''));
  const now = Date.now();
  const rows = selected.map((e) => {
    const row = [age(now - Date.parse(e.lastTimestamp ?? e.eventTime ?? '')), e.type ?? '', e.reason ?? '', `${e.involvedObject.kind}/${e.involvedObject.name}`, (e.message ?? '').replaceAll('\n', ', ')];
    return flags.allNamespaces ? [e.metadata.namespace ?? '', ...row] : row;
  });
  process.stdout.write(formatTable([...(flags.allNamespaces ? ['Namespace'] : []), 'Last seen', 'Type', 'Reason', 'Object', 'Message'], rows));
}

function age(ms: number): string {
  if (!Number.isFinite(ms)) return '<unknown>';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}

async function tree(client: KubeClient, namespace: string, name: string, indent: string, lines: string[], seen: Set<string>): Promise<void> {
  const key = `${namespace}/${name}`;
  if (seen.has(key)) return;
  seen.add(key);
  const ks = await client.get<Kustomization>(ref(namespace, name));
  const ids = (ks.status?.inventory?.entries ?? []).map(parseInventoryEntry);
  for (const [i, id] of ids.entries()) {
    const last = i === ids.length - 1;
    lines.push(`${indent}${last ? '└── ' : '├── '}${describeId(id)}`);
    if (id.kind === KustomizationKind.kind && apiVersionOf(id).startsWith('kustomize.toolkit.fluxcd.io/')) {
      await tree(client, id.namespace, id.name, `${indent}${last ? '    ' : '│   '}`, lines, seen);
    }
  }
}

/** Builds a local directory the way the controller builds the named Kustomization's artifact. */
async function localBuild(client: KubeClient, namespace: string, name: string, dir: string, decrypt: boolean): Promise<{ ks: Kustomization; objects: KubeObject[] }> {
  const ks = await client.get<Kustomization>(ref(namespace, name)).catch((err: unknown) => {
    if (isNotFound(err)) throw new Error(`Kustomization '${namespace}/${name}' not found: build and diff use its spec (patches, postBuild...)`);
    throw err;
  });
  const inputs = await resolveBuildInputs(client, ks);
  if (!decrypt) {
    delete inputs.decryptionKeys;
    inputs.keepEncrypted = true;
  }
  // --path is the directory to build (spec.path does not apply), and like flux it may use ../ bases.
  const objects = await buildManifests('/', { ...ks.spec, path: resolve(dir) }, inputs);
  const labels = ownerLabels(ks);
  return { ks, objects: objects.map((o) => ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...labels } } })) };
}

/** Prints what would change; returns whether anything would. */
async function diff(flags: GlobalFlags & { path: string }, name: string): Promise<boolean> {
  const client = await connect(flags);
  const { ks, objects } = await localBuild(client, flags.namespace, name, flags.path, true);
  const manager = new ResourceManager(client, 'kustomize-controller', ownerLabels(ks));
  let changed = false;
  for (const obj of objects) {
    const result = await manager.diff(obj);
    if (result.action === 'unchanged') continue;
    changed = true;
    if (result.action === 'created') {
      say(`► ${describeId(result.id)} created`);
      continue;
    }
    say(`► ${describeId(result.id)} drifted`);
    const [live, merged] = maskSecretPair(result.live!, result.merged);
    process.stdout.write(lineDiff(comparable(live), comparable(merged)));
  }
  if (ks.spec.prune) {
    const previous = (ks.status?.inventory?.entries ?? []).map(parseInventoryEntry);
    for (const id of staleObjects(previous, objects.map(objectId))) {
      changed = true;
      say(`► ${describeId(id)} deleted`);
    }
  }
  return changed;
}

function comparable(obj: KubeObject): string {
  const { managedFields: _m, resourceVersion: _r, generation: _g, ...metadata } = obj.metadata;
  return renderYaml([{ ...obj, metadata } as unknown as JsonObject]);
}

/** A minimal unified-style diff of two YAML texts (longest common subsequence of lines). */
function lineDiff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
