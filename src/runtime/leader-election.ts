// Leader election on a coordination.k8s.io/v1 Lease, with client-go's rules so tsflux and Flux replicas
// agree on who leads:
// - a lease is free when it has no holder or its holder has not renewed for leaseDuration, measured on
//   OUR clock from when we last saw the record change (never comparing clocks across machines);
// - the leader renews every retryPeriod and gives up leading if it could not renew for renewDeadline;
// - on graceful shutdown the leader releases the lease (empty holder) so a standby takes over at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeClient } from '../kube/index.ts';
import { isAlreadyExists, isConflict, isNotFound } from '../kube/errors.ts';
import type { KubeObject } from '../kube/types.ts';
import type { Logger } from './logger.ts';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export interface LeaderElectionOptions {
  /** Lease name (Flux: `<controller>-leader-election`). */
  name: string;
  namespace: string;
  /** Unique per replica (Flux: the pod name plus a random suffix). */
  identity: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Release the lease on graceful shutdown (Flux: --leader-election-release-on-cancel, default true). */
  releaseOnCancel?: boolean;
}

/** metav1.MicroTime */
function microTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

const leaseRef = (opts: LeaderElectionOptions) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  name: opts.name,
  namespace: opts.namespace,
});

export class LeaderElector {
  readonly #client: KubeClient;
  readonly #opts: Required<LeaderElectionOptions>;
  readonly #log: Logger;
  readonly #onChange: (leading: boolean) => void;
  #observedRecord = '';
  #observedAt = 0;
  #leading = false;
  #lastRenew = 0;

  constructor(client: KubeClient, opts: LeaderElectionOptions, logger: Logger, onChange: (leading: boolean) => void = () => {}) {
    this.#client = client;
    this.#opts = { leaseDurationMs: 35_000, renewDeadlineMs: 30_000, retryPeriodMs: 5_000, releaseOnCancel: true, ...opts };
    const { leaseDurationMs, renewDeadlineMs, retryPeriodMs } = this.#opts;
    if (!(leaseDurationMs > renewDeadlineMs && renewDeadlineMs > retryPeriodMs && retryPeriodMs > 0)) {
      throw new Error(
        `leader election needs leaseDuration > renewDeadline > retryPeriod > 0, got ${leaseDurationMs}ms, ${renewDeadlineMs}ms, ${retryPeriodMs}ms`,
      );
    }
    this.#log = logger.with({ lease: `${opts.namespace}/${opts.name}`, identity: opts.identity });
    this.#onChange = onChange;
  }

  get leading(): boolean {
    return this.#leading;
  }

  /** Retries every retryPeriod (jittered) until this replica holds the lease; false if aborted first. */
  async acquire(signal: AbortSignal): Promise<boolean> {
    this.#log.info('attempting to acquire leader lease...');
    while (!signal.aborted) {
      if (await this.#tryAcquireOrRenew()) {
        this.#setLeading(true);
        this.#log.info('successfully acquired lease');
        return true;
      }
      try {
        await sleep(this.#opts.retryPeriodMs * (1 + Math.random() * 0.2), undefined, { signal });
      } catch {
        return false;
      }
    }
    return false;
  }

  /**
   * Renews until `signal` aborts ('stopped') or renewing failed for renewDeadline ('lost'). A lost lease
   * means another replica may already be reconciling: the caller must stop at once.
   */
  async holdUntil(signal: AbortSignal): Promise<'stopped' | 'lost'> {
    while (!signal.aborted) {
      try {
        await sleep(this.#opts.retryPeriodMs, undefined, { signal });
      } catch {
        return 'stopped';
      }
      const remaining = this.#lastRenew + this.#opts.renewDeadlineMs - performance.now();
      const renewed = await Promise.race([
        this.#tryAcquireOrRenew(),
        sleep(Math.max(0, remaining), false, { ref: false }),
      ]);
      if (renewed) continue;
      if (performance.now() - this.#lastRenew >= this.#opts.renewDeadlineMs) {
        this.#setLeading(false);
        this.#log.error('failed to renew lease: leader election lost', undefined, { renewDeadlineMs: this.#opts.renewDeadlineMs });
        return 'lost';
      }
    }
    return 'stopped';
  }

  /** Gives the lease up (if we hold it) so a standby replica does not wait for it to expire. */
  async release(): Promise<void> {
    if (!this.#leading) return;
    this.#setLeading(false);
    if (!this.#opts.releaseOnCancel) return;
    try {
      const lease = await this.#client.get<Lease>(leaseRef(this.#opts));
      if (lease.spec?.holderIdentity !== this.#opts.identity) return;
      const now = microTime(new Date());
      lease.spec = { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now };
      await this.#client.update(lease);
      this.#log.info('released leader lease');
    } catch (error) {
      this.#log.error('failed to release leader lease', error);
    }
  }

  #setLeading(leading: boolean): void {
    if (this.#leading === leading) return;
    this.#leading = leading;
    this.#onChange(leading);
  }

  async #tryAcquireOrRenew(): Promise<boolean> {
    const { identity } = this.#opts;
    const leaseSeconds = Math.ceil(this.#opts.leaseDurationMs / 1000);
    const now = new Date();
    try {
      let lease: Lease;
      try {
        lease = await this.#client.get<Lease>(leaseRef(this.#opts));
      } catch (error) {
        if (!isNotFound(error)) throw error;
        await this.#client.create<Lease>({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.#opts.name, namespace: this.#opts.namespace },
          spec: { holderIdentity: identity, leaseDurationSeconds: leaseSeconds, acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0 },
        });
        this.#renewed();
        return true;
      }
      const spec = lease.spec ?? {};
      const record = JSON.stringify([spec.holderIdentity, spec.renewTime, spec.acquireTime, spec.leaseDurationSeconds]);
      if (record !== this.#observedRecord) {
        this.#observedRecord = record;
        this.#observedAt = performance.now();
      }
      const holder = spec.holderIdentity ?? '';
      const heldByOther = holder !== '' && holder !== identity;
      if (heldByOther && this.#observedAt + (spec.leaseDurationSeconds ?? leaseSeconds) * 1000 > performance.now()) {
        if (this.#leading) this.#setLeading(false);
        return false;
      }
      lease.spec = {
        holderIdentity: identity,
        leaseDurationSeconds: leaseSeconds,
        acquireTime: holder === identity ? spec.acquireTime : microTime(now),
        renewTime: microTime(now),
        leaseTransitions: holder === identity ? (spec.leaseTransitions ?? 0) : (spec.leaseTransitions ?? 0) + 1,
      };
      await this.#client.update(lease);
      this.#renewed();
      return true;
    } catch (error) {
      if (!isConflict(error) && !isAlreadyExists(error)) this.#log.error('error retrieving or updating the leader lease', error);
      return false;
    }
  }

  #renewed(): void {
    this.#lastRenew = performance.now();
  }
}
