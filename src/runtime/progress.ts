// Progress a reconcile reports as it goes (Reconciling=True, "Building manifests for revision ..."),
// stored only once the reconcile has run for a while. Flux writes every step as it starts, a status
// update each; most reconciles finish within seconds, before anyone could look, and in the
// kustomizations benchmark each such write per Kustomization cost the apiserver about 7% more CPU. A
// reconcile that runs longer (a slow health check, a big build) shows its current step, and every
// later one, as Flux's would.
import type { ReconcileContext } from './controller.ts';
import type { ObjectWithStatus } from './conditions.ts';

/** How long a reconcile runs before its progress is written: Flux's own health checks poll every 5s. */
export const progressDelayMs = 5000;

export class ProgressReporter {
  readonly #obj: ObjectWithStatus;
  readonly #ctx: Pick<ReconcileContext, 'patchStatus' | 'log'>;
  readonly #timer: NodeJS.Timeout;
  #due = false;
  #dirty = false;
  #writing: Promise<void> | undefined;
  #closed = false;

  constructor(obj: ObjectWithStatus, ctx: Pick<ReconcileContext, 'patchStatus' | 'log'>, delayMs = progressDelayMs) {
    this.#obj = obj;
    this.#ctx = ctx;
    this.#timer = setTimeout(() => {
      this.#due = true;
      this.#flush();
    }, delayMs);
  }

  /** Records a step: `update` changes the object's conditions now; the write follows when due. */
  report(update: (obj: ObjectWithStatus) => void): void {
    update(this.#obj);
    this.#dirty = true;
    this.#flush();
  }

  /** Stops reporting and waits for a write in flight, so the final status is written after it. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#writing;
  }

  #flush(): void {
    if (!this.#due || !this.#dirty || this.#writing || this.#closed) return;
    this.#dirty = false;
    this.#writing = this.#ctx
      .patchStatus(this.#obj.status)
      .catch((err: unknown) => this.#ctx.log.error('reporting progress', err))
      .finally(() => {
        this.#writing = undefined;
        this.#flush(); // a step reported while writing
      });
  }
}
