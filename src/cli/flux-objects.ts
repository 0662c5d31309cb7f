// What every `tsflux <verb> <kind>` command does with a Flux object, whatever its kind: connect,
// create-or-update, request a reconcile, wait for it, suspend/resume, confirm deletion, print
// failures the way the flux CLI does.
import { createInterface } from 'node:readline/promises';
import { KubeClient, isAlreadyExists, isNotFound, type KubeObject } from '../kube/index.ts';

export interface GlobalFlags {
  kubeconfig?: string;
  context?: string;
  namespace: string;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

export interface FluxObject extends KubeObject {
  spec?: { suspend?: boolean };
  status?: { conditions?: Condition[]; lastHandledReconcileAt?: string };
}

export const say = (line: string) => process.stderr.write(`${line}\n`);

export const connect = (flags: GlobalFlags) => KubeClient.fromKubeconfig({ path: flags.kubeconfig, context: flags.context });

/** Prints failures as flux does (`✗ message`, exit code 1) instead of a stack trace. */
export function failing<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (err) {
      say(`✗ ${(err as Error).message}`);
      process.exitCode = 1;
    }
  };
}

/** Creates `obj`, or replaces the spec of the existing one while keeping its other labels. */
export async function createOrUpdate(client: KubeClient, obj: KubeObject): Promise<void> {
  try {
    await client.create(obj);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const current = await client.get({ apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name! });
    const { metadata, ...rest } = obj;
    await client.update({ ...current, ...rest, metadata: { ...current.metadata, labels: { ...current.metadata.labels, ...metadata.labels } } });
  }
}

/** Sets `reconcile.fluxcd.io/requestedAt` and returns the token the controller will echo back. */
export async function requestReconcile(client: KubeClient, target: ObjectRef): Promise<string> {
  const token = new Date().toISOString();
  await client.patch(target, { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': token } } }, 'merge');
  return token;
}

export async function setSuspended(client: KubeClient, target: ObjectRef, suspend: boolean): Promise<void> {
  await client.patch(target, { spec: { suspend: suspend ? true : null } }, 'merge');
}

export interface WaitOptions {
  /** Only a status that handled this reconcile request counts. */
  token?: string;
  timeoutMs?: number;
  /** Ready=False reasons that mean "not yet" rather than failure (e.g. DependencyNotReady). */
  transientReasons?: string[];
}

/**
 * Polls until the controller has handled the current generation (and the request token, if given):
 * Ready=True resolves, Ready=False rejects with the condition's message.
 */
export async function waitForReady<T extends FluxObject>(client: KubeClient, target: ObjectRef, opts: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  let last: T | undefined;
  const what = `${target.kind} ${target.namespace}/${target.name}`;
  while (Date.now() < deadline) {
    last = await client.get<T>(target).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err)));
    const ready = last?.status?.conditions?.find((c) => c.type === 'Ready');
    const handled =
      last !== undefined &&
      (opts.token === undefined || last.status?.lastHandledReconcileAt === opts.token) &&
      ready !== undefined &&
      ready.observedGeneration === last.metadata.generation &&
      ready.status !== 'Unknown';
    if (handled && ready.status === 'True') return last!;
    if (handled && ready.status === 'False' && !opts.transientReasons?.includes(ready.reason ?? '')) {
      throw new Error(`${what} is not ready: ${ready.message}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const ready = last?.status?.conditions?.find((c) => c.type === 'Ready');
  throw new Error(`timed out waiting for ${what} to become ready${ready?.message ? `: ${ready.message}` : ''}`);
}

/** Polls until the controller has handled the reconcile request `token`, whatever the outcome. */
export async function waitForHandled(client: KubeClient, target: ObjectRef, token: string, timeoutMs = 300_000): Promise<FluxObject> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const obj = await client.get<FluxObject>(target);
    if (obj.status?.lastHandledReconcileAt === token) return obj;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${target.kind} ${target.namespace}/${target.name} to handle the reconcile request`);
}

/** The named object, or every object of the kind in the namespace (or in all namespaces). */
export async function selectObjects<T extends KubeObject>(
  client: KubeClient,
  kind: { apiVersion: string; kind: string },
  namespace: string,
  name: string | undefined,
  allNamespaces = false,
): Promise<T[]> {
  if (name) return [await client.get<T>({ ...kind, namespace, name })];
  return (await client.list<T>(kind.apiVersion, kind.kind, allNamespaces ? {} : { namespace })).items;
}

export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new Error(`${question}? Refusing to ask without a terminal: pass --silent`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
