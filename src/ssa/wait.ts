// Waiting until a set of objects is healthy, by kstatus, with a timeout, failing fast when an object
// reaches a state it will not leave by itself, and cancellable when a newer revision arrives.
import { computeHealth, type HealthResult, type ObservedObject } from '../engines/kstatus/index.ts';
import { isNotFound, type KubeClient, type KubeObject } from '../kube/index.ts';
import { apiVersionOf, describeId, objectId, type ObjectId } from './object-id.ts';

export interface WaitOptions {
  timeoutMs: number;
  pollMs?: number;
  /** Stop at the first Failed object instead of waiting for the timeout (Flux's default). */
  failFast?: boolean;
  signal?: AbortSignal;
  /** Extra health rules (e.g. CEL healthCheckExprs), consulted before kstatus; undefined defers to it. */
  customHealth?: (obj: ObservedObject) => HealthResult | undefined;
  /**
   * Objects just read or written (the responses of the apply): the first round assesses these instead
   * of reading them again, which for kinds that are healthy once they exist saves every request.
   */
  observed?: KubeObject[];
}

export class HealthCheckError extends Error {
  readonly failing: { id: ObjectId; result: HealthResult }[];
  constructor(message: string, failing: { id: ObjectId; result: HealthResult }[]) {
    super(message);
    this.failing = failing;
  }
}

export async function waitForSet(client: KubeClient, ids: ObjectId[], opts: WaitOptions): Promise<void> {
  const pollMs = opts.pollMs ?? 1000;
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  let pending = ids;
  let last: { id: ObjectId; result: HealthResult }[] = [];
  const observed = new Map((opts.observed ?? []).map((obj) => [idKey(objectId(obj)), obj as ObservedObject]));
  // The caller's deadline (an AbortSignal.timeout covering the whole reconcile) may run out before
  // ours: that is a timeout too, and deserves the list of what was not ready, not a bare abort.
  const callerTimedOut = () => (opts.signal?.reason as Error | undefined)?.name === 'TimeoutError';
  for (let round = 0; ; round++) {
    if (opts.signal?.aborted) {
      if (callerTimedOut()) break;
      throw opts.signal.reason;
    }
    last = await Promise.all(
      pending.map(async (id) => {
        const seen = round === 0 ? observed.get(idKey(id)) : undefined;
        return { id, result: seen ? assess(seen, opts.customHealth) : await healthOf(client, id, opts.customHealth) };
      }),
    );
    const failed = last.filter((s) => s.result.status === 'Failed');
    if (failed.length > 0 && opts.failFast !== false) {
      throw new HealthCheckError(`health check failed after ${elapsed(started)}: ${describeAll(failed)}`, failed);
    }
    pending = last.filter((s) => s.result.status !== 'Current').map((s) => s.id);
    if (pending.length === 0) return;
    // Most objects turn healthy moments after being applied: poll quickly at first, then every pollMs.
    const delay = Math.min(pollMs, 100 * 2 ** round);
    if (Date.now() + delay > deadline) break;
    try {
      await sleep(delay, opts.signal);
    } catch (err) {
      if (callerTimedOut()) break;
      throw err;
    }
  }
  const notReady = last.filter((s) => s.result.status !== 'Current');
  throw new HealthCheckError(`health check failed after ${elapsed(started)}: timeout waiting for: [${describeAll(notReady)}]`, notReady);
}

async function healthOf(client: KubeClient, id: ObjectId, custom: WaitOptions['customHealth']): Promise<HealthResult> {
  try {
    const obj = await client.get<ObservedObject & { metadata: { name: string } }>({ apiVersion: apiVersionOf(id), kind: id.kind, name: id.name, namespace: id.namespace || undefined });
    return assess(obj, custom);
  } catch (err) {
    if (isNotFound(err)) return { status: 'NotFound', message: 'object not found' };
    throw err;
  }
}

function assess(obj: ObservedObject, custom: WaitOptions['customHealth']): HealthResult {
  return custom?.(obj) ?? computeHealth(obj);
}

// The version is left out: an object applied as apps/v1 is the same object when read as another version.
const idKey = (id: ObjectId) => `${id.group}|${id.kind}|${id.namespace}|${id.name}`;

function describeAll(states: { id: ObjectId; result: HealthResult }[]): string {
  return states.map((s) => `${describeId(s.id)} status: '${s.result.status}'${s.result.message ? `: ${s.result.message}` : ''}`).join(', ');
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }, { once: true });
  });
}
