// Runs a set of controllers in one process, as controller-runtime's manager does: one shared cache,
// one metrics registry, optional leader election (only the leader watches and reconciles), and a
// graceful stop: stop taking work, let in-flight reconciles finish, stop watches, release the lease.
import type { KubeClient } from '../kube/index.ts';
import type { KubeObject } from '../kube/types.ts';
import { SharedCache } from './cache.ts';
import { ControllerRunner } from './controller-runner.ts';
import type { ControllerDefinition } from './controller.ts';
import { EventRecorder } from './events.ts';
import { LeaderElector, type LeaderElectionOptions } from './leader-election.ts';
import type { Logger } from './logger.ts';
import type { RuntimeMetrics } from './metrics.ts';
import type { RetryLimiterOptions } from './retry-limiter.ts';

export interface ManagerOptions {
  client: KubeClient;
  logger: Logger;
  metrics: RuntimeMetrics;
  /** Watch only this namespace (Flux: --watch-all-namespaces=false watches the runtime namespace). */
  namespace?: string;
  /** Label selector on the reconciled kinds, for sharding (--watch-label-selector). */
  labelSelector?: string;
  /** Workers per controller (--concurrent). */
  concurrent?: number;
  retry?: RetryLimiterOptions;
  /** ± jitter on requeue-after intervals (--interval-jitter-percentage, Flux default 5). */
  intervalJitterPercent?: number;
  /** notification-controller address (--events-addr). */
  eventsAddr?: string;
  /** reportingInstance of events (the pod name). */
  instance?: string;
  leaderElection?: LeaderElectionOptions;
  /** How long to wait for in-flight reconciles on shutdown (controller-runtime: 30s). */
  gracefulShutdownTimeoutMs?: number;
}

export interface ManagedController {
  definition: ControllerDefinition<any>;
  /** Field manager and reportingController (e.g. `kustomize-controller`). */
  fieldManager: string;
  concurrent?: number;
}

export class Manager {
  readonly #opts: ManagerOptions;
  readonly #controllers: ManagedController[] = [];
  #cache: SharedCache | undefined;
  #runners: ControllerRunner[] = [];
  readonly #recorders: EventRecorder[] = [];
  #started = false;
  #ready = false;
  #leading = false;

  constructor(opts: ManagerOptions) {
    this.#opts = opts;
  }

  add<T extends KubeObject>(definition: ControllerDefinition<T>, opts: { fieldManager: string; concurrent?: number }): this {
    if (this.#started) throw new Error(`cannot add controller ${definition.name}: the manager is already running`);
    if (this.#controllers.some((c) => c.definition.name === definition.name)) {
      throw new Error(`controller name "${definition.name}" is registered twice; names must be unique (they label metrics)`);
    }
    this.#controllers.push({ definition, ...opts });
    return this;
  }

  /** Alive: the process answers. */
  get healthy(): boolean {
    return true;
  }

  /** Ready: a standby replica is ready; the leader once its caches have synced. */
  get ready(): boolean {
    return this.#ready;
  }

  get leading(): boolean {
    return this.#leading;
  }

  /**
   * Runs until `signal` aborts, then shuts down gracefully and resolves. Rejects if leadership is lost,
   * because another replica may be reconciling already and the process should restart.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#started) throw new Error('a manager runs once');
    this.#started = true;
    const { logger, metrics } = this.#opts;
    let elector: LeaderElector | undefined;
    if (this.#opts.leaderElection) {
      const le = this.#opts.leaderElection;
      elector = new LeaderElector(this.#opts.client, le, logger, (leading) => {
        this.#leading = leading;
        metrics.setLeader(le.name, leading);
      });
      metrics.setLeader(le.name, false);
      this.#ready = true; // standbys must not be restarted by the readiness probe
      if (!(await elector.acquire(signal))) return;
      this.#ready = false;
    } else {
      this.#leading = true;
    }

    const work = new AbortController();
    const cache = (this.#cache = new SharedCache(this.#opts.client, logger));
    this.#runners = this.#controllers.map((c) => {
      const events = new EventRecorder({
        client: this.#opts.client,
        controller: c.fieldManager,
        instance: this.#opts.instance,
        eventsAddr: this.#opts.eventsAddr,
        logger,
      });
      this.#recorders.push(events);
      return new ControllerRunner(c.definition, {
        client: this.#opts.client,
        cache,
        logger,
        metrics,
        events,
        fieldManager: c.fieldManager,
        namespace: this.#opts.namespace,
        labelSelector: this.#opts.labelSelector,
        concurrent: c.concurrent ?? this.#opts.concurrent ?? 4,
        retry: this.#opts.retry,
        intervalJitterPercent: this.#opts.intervalJitterPercent,
      });
    });
    cache.start(work.signal);

    const leadership = elector ? elector.holdUntil(signal) : untilAborted(signal);
    let workers: Promise<void[]> | undefined;
    const synced = cache.waitForSync(work.signal).then(
      () => {
        this.#ready = true;
        logger.info('caches synced, starting controllers', { controllers: this.#runners.map((r) => r.definition.name) });
        workers = Promise.all(this.#runners.map((r) => r.run()));
      },
      () => undefined,
    );
    const outcome = await leadership;
    await this.#shutDown(work, synced, () => workers);
    if (elector && outcome === 'stopped') await elector.release();
    if (outcome === 'lost') throw new Error('leader election lost');
  }

  async #shutDown(work: AbortController, synced: Promise<void>, workers: () => Promise<void[]> | undefined): Promise<void> {
    const { logger } = this.#opts;
    logger.info('Stopping and waiting for controllers');
    for (const runner of this.#runners) runner.stop();
    work.abort(new Error('manager is shutting down'));
    await synced;
    const timeoutMs = this.#opts.gracefulShutdownTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const finished = await Promise.race([Promise.all([workers(), this.#cache?.stopped()]).then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (finished === 'timeout') logger.error('timed out waiting for in-flight reconciles to finish', undefined, { timeoutMs });
    else logger.info('All controllers finished');
    // Events of the last reconciles are still on their way to notification-controller.
    await Promise.all(this.#recorders.map((r) => r.flush()));
    this.#ready = false;
  }
}

function untilAborted(signal: AbortSignal): Promise<'stopped'> {
  if (signal.aborted) return Promise.resolve('stopped');
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve('stopped'), { once: true }));
}
