// How long a failed key waits before its next attempt: the larger of a per-key exponential backoff and
// an overall token bucket, the same contract as controller-runtime's default rate limiter. The bucket
// only meters retries (not fresh events), so a burst of failures cannot hammer the apiserver while a
// burst of new objects is still processed at full speed.
import { TokenBucket } from '../kube/rate-limit.ts';

export interface RetryLimiterOptions {
  /** First retry delay in ms (controller-runtime: 5ms; Flux controllers: 750ms via --min-retry-delay). */
  baseDelayMs?: number;
  /** Ceiling in ms (controller-runtime: 1000s; Flux: 15m via --max-retry-delay). */
  maxDelayMs?: number;
  /** Overall retries per second and burst (controller-runtime: 10 qps, burst 100). */
  qps?: number;
  burst?: number;
  now?: () => number;
}

export class RetryLimiter {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly #failures = new Map<string, number>();
  readonly #bucket: TokenBucket;

  constructor(opts: RetryLimiterOptions = {}) {
    this.baseDelayMs = opts.baseDelayMs ?? 5;
    this.maxDelayMs = opts.maxDelayMs ?? 1_000_000;
    if (!(this.baseDelayMs > 0) || !(this.maxDelayMs >= this.baseDelayMs)) {
      throw new Error(`retry delays must satisfy 0 < base <= max, got base ${this.baseDelayMs}ms, max ${this.maxDelayMs}ms`);
    }
    this.#bucket = new TokenBucket({ qps: opts.qps ?? 10, burst: opts.burst ?? 100, now: opts.now });
  }

  /** Records one more failure of `key` and returns the delay (ms) before it may be retried. */
  when(key: string): number {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    // 2^failures overflows to Infinity long after the ceiling is reached, so Math.min keeps it finite.
    const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** failures);
    return Math.max(backoff, this.#bucket.reserve());
  }

  /** Number of failures recorded for `key` since it last succeeded. */
  retries(key: string): number {
    return this.#failures.get(key) ?? 0;
  }

  /** The key succeeded (or is gone): its next failure starts again from the base delay. */
  forget(key: string): void {
    this.#failures.delete(key);
  }
}
