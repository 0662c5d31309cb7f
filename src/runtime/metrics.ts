// Prometheus metrics under the names Flux dashboards and alerts already query: Flux's own
// (gotk_reconcile_duration_seconds, gotk_resource_info) and controller-runtime's (controller_runtime_*,
// workqueue_*, leader_election_master_status). One registry per manager, so two managers in one process
// (tests) do not mix their series.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueObserver, WorkQueue } from './queue.ts';

/** prometheus.ExponentialBucketsRange(min, max, count) */
function exponentialRange(min: number, max: number, count: number): number[] {
  const factor = (max / min) ** (1 / (count - 1));
  return Array.from({ length: count }, (_, i) => min * factor ** i);
}

/** prometheus.ExponentialBuckets(start, factor, count) */
function exponential(start: number, factor: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start * factor ** i);
}

// controller-runtime's buckets for controller_runtime_reconcile_time_seconds.
const reconcileTimeBuckets = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0,
  2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];

export type ReconcileResultLabel = 'success' | 'error' | 'requeue' | 'requeue_after';

export interface ResourceInfo {
  group: string;
  kind: string;
  version: string;
  namespace: string;
  name: string;
  ready: string;
  suspended: string;
}

export class RuntimeMetrics {
  readonly registry = new Registry();
  readonly #reconcileDuration: Histogram<'kind' | 'name' | 'namespace'>;
  readonly #resourceInfo: Gauge<string>;
  readonly #resourceInfoLabels = new Map<string, Record<string, string>>();
  readonly #reconcileTotal: Counter<'controller' | 'result'>;
  readonly #reconcileErrors: Counter<'controller'>;
  readonly #reconcileTime: Histogram<'controller'>;
  readonly #activeWorkers: Gauge<'controller'>;
  readonly #maxConcurrent: Gauge<'controller'>;
  readonly #leader: Gauge<'name'>;
  readonly #queueDepth: Gauge<'name'>;
  readonly #queueAdds: Counter<'name'>;
  readonly #queueLatency: Histogram<'name'>;
  readonly #workDuration: Histogram<'name'>;
  readonly #retries: Counter<'name'>;
  readonly #queues = new Set<WorkQueue>();

  constructor(opts: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    this.#reconcileDuration = new Histogram({
      name: 'gotk_reconcile_duration_seconds',
      help: 'The duration in seconds of a GitOps Toolkit resource reconciliation.',
      labelNames: ['kind', 'name', 'namespace'],
      buckets: exponentialRange(0.01, 1800, 10),
      registers,
    });
    this.#resourceInfo = new Gauge({
      name: 'gotk_resource_info',
      help: 'The current state of a Flux resource (1 per object; labels carry the state).',
      labelNames: [
        'customresource_group',
        'customresource_kind',
        'customresource_version',
        'exported_namespace',
        'name',
        'ready',
        'suspended',
      ],
      registers,
    });
    this.#reconcileTotal = new Counter({
      name: 'controller_runtime_reconcile_total',
      help: 'Total number of reconciliations per controller',
      labelNames: ['controller', 'result'],
      registers,
    });
    this.#reconcileErrors = new Counter({
      name: 'controller_runtime_reconcile_errors_total',
      help: 'Total number of reconciliation errors per controller',
      labelNames: ['controller'],
      registers,
    });
    this.#reconcileTime = new Histogram({
      name: 'controller_runtime_reconcile_time_seconds',
      help: 'Length of time per reconciliation per controller',
      labelNames: ['controller'],
      buckets: reconcileTimeBuckets,
      registers,
    });
    this.#activeWorkers = new Gauge({
      name: 'controller_runtime_active_workers',
      help: 'Number of currently used workers per controller',
      labelNames: ['controller'],
      registers,
    });
    this.#maxConcurrent = new Gauge({
      name: 'controller_runtime_max_concurrent_reconciles',
      help: 'Maximum number of concurrent reconciles per controller',
      labelNames: ['controller'],
      registers,
    });
    this.#leader = new Gauge({
      name: 'leader_election_master_status',
      help: 'Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master.',
      labelNames: ['name'],
      registers,
    });
    this.#queueDepth = new Gauge({ name: 'workqueue_depth', help: 'Current depth of workqueue', labelNames: ['name'], registers });
    this.#queueAdds = new Counter({
      name: 'workqueue_adds_total',
      help: 'Total number of adds handled by workqueue',
      labelNames: ['name'],
      registers,
    });
    const durationBuckets = exponential(10e-9, 10, 12);
    this.#queueLatency = new Histogram({
      name: 'workqueue_queue_duration_seconds',
      help: 'How long in seconds an item stays in workqueue before being requested',
      labelNames: ['name'],
      buckets: durationBuckets,
      registers,
    });
    this.#workDuration = new Histogram({
      name: 'workqueue_work_duration_seconds',
      help: 'How long in seconds processing an item from workqueue takes.',
      labelNames: ['name'],
      buckets: durationBuckets,
      registers,
    });
    this.#retries = new Counter({
      name: 'workqueue_retries_total',
      help: 'Total number of retries handled by workqueue',
      labelNames: ['name'],
      registers,
    });
    // These two are read from the queues at scrape time: they grow while a reconcile is stuck, which is
    // exactly what they exist to reveal.
    const queues = this.#queues;
    new Gauge({
      name: 'workqueue_unfinished_work_seconds',
      help: 'How many seconds of work has been done that is in progress and hasn\'t been observed by work_duration. Large values indicate stuck threads.',
      labelNames: ['name'],
      registers,
      collect() {
        for (const q of queues) this.set({ name: q.name }, q.unfinishedWorkSeconds());
      },
    });
    new Gauge({
      name: 'workqueue_longest_running_processor_seconds',
      help: 'How many seconds has the longest running processor for workqueue been running.',
      labelNames: ['name'],
      registers,
      collect() {
        for (const q of queues) this.set({ name: q.name }, q.longestRunningSeconds());
      },
    });
  }

  /** The observer to give a WorkQueue named `name` (the controller name). */
  queueObserver(name: string): QueueObserver {
    const labels = { name };
    this.#queueDepth.set(labels, 0);
    this.#queueAdds.inc(labels, 0);
    this.#retries.inc(labels, 0);
    return {
      added: (depth) => {
        this.#queueAdds.inc(labels);
        this.#queueDepth.set(labels, depth);
      },
      taken: (depth, queuedSeconds) => {
        this.#queueDepth.set(labels, depth);
        this.#queueLatency.observe(labels, queuedSeconds);
      },
      finished: (seconds) => this.#workDuration.observe(labels, seconds),
      retried: () => this.#retries.inc(labels),
    };
  }

  /** Starts reporting the in-flight gauges of `queue`. */
  trackQueue(queue: WorkQueue): void {
    this.#queues.add(queue);
  }

  controllerStarted(controller: string, workers: number): void {
    this.#maxConcurrent.set({ controller }, workers);
    this.#activeWorkers.set({ controller }, 0);
    for (const result of ['success', 'error', 'requeue', 'requeue_after'] as const) this.#reconcileTotal.inc({ controller, result }, 0);
    this.#reconcileErrors.inc({ controller }, 0);
  }

  workerBusy(controller: string, delta: 1 | -1): void {
    this.#activeWorkers.inc({ controller }, delta);
  }

  reconciled(controller: string, result: ReconcileResultLabel, seconds: number): void {
    this.#reconcileTotal.inc({ controller, result });
    if (result === 'error') this.#reconcileErrors.inc({ controller });
    this.#reconcileTime.observe({ controller }, seconds);
  }

  /** gotk_reconcile_duration_seconds for one object. */
  objectReconciled(kind: string, namespace: string, name: string, seconds: number): void {
    this.#reconcileDuration.observe({ kind, name, namespace }, seconds);
  }

  setResourceInfo(info: ResourceInfo): void {
    const key = `${info.kind}/${info.namespace}/${info.name}`;
    const labels = {
      customresource_group: info.group,
      customresource_kind: info.kind,
      customresource_version: info.version,
      exported_namespace: info.namespace,
      name: info.name,
      ready: info.ready,
      suspended: info.suspended,
    };
    const previous = this.#resourceInfoLabels.get(key);
    if (previous) this.#resourceInfo.remove(previous);
    this.#resourceInfo.set(labels, 1);
    this.#resourceInfoLabels.set(key, labels);
  }

  /** The object is gone: its per-object series go too, as in Flux. */
  objectDeleted(kind: string, namespace: string, name: string): void {
    this.#reconcileDuration.remove({ kind, name, namespace });
    const key = `${kind}/${namespace}/${name}`;
    const previous = this.#resourceInfoLabels.get(key);
    if (previous) this.#resourceInfo.remove(previous);
    this.#resourceInfoLabels.delete(key);
  }

  setLeader(name: string, leading: boolean): void {
    this.#leader.set({ name }, leading ? 1 : 0);
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
