// Client-side throttling, the same contract as client-go's --kube-api-qps/--kube-api-burst: up to
// `burst` requests at once, then `qps` per second. Callers queue in arrival order: each one reserves a
// token (possibly going into debt) and sleeps exactly until its token would have been refilled, so no
// caller can starve another and there is no polling.
import { setTimeout as delay } from 'node:timers/promises';

export interface TokenBucketOptions {
  qps: number;
  burst: number;
  /** Milliseconds; injectable so tests drive the clock. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export class TokenBucket {
  readonly qps: number;
  readonly burst: number;
  #tokens: number;
  #last: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(opts: TokenBucketOptions) {
    if (!(opts.qps > 0 && Number.isFinite(opts.qps))) throw new Error(`rate limit qps must be a positive number, got ${opts.qps}`);
    if (!(opts.burst >= 1)) throw new Error(`rate limit burst must be at least 1, got ${opts.burst}`);
    this.qps = opts.qps;
    this.burst = opts.burst;
    this.#now = opts.now ?? (() => performance.now());
    this.#sleep = opts.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    this.#tokens = opts.burst;
    this.#last = this.#now();
  }

  /** Waits until the caller may send one request. */
  async take(signal?: AbortSignal): Promise<void> {
    const waitMs = this.reserve();
    if (waitMs > 0) await this.#sleep(waitMs, signal);
  }

  /** Takes one token now and returns how long (ms) the caller must wait before using it. */
  reserve(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.qps);
    this.#last = now;
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.qps) * 1000;
  }
}
