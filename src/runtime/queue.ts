// The work queue between watch events and reconcilers. It holds keys ("namespace/name"), not objects,
// so a burst of events for one object collapses into one reconcile of its latest state. Rules, as in
// client-go's workqueue:
// - a key is queued at most once (de-duplication);
// - a key handed to a worker is not handed to another until the first calls done(); if it was added in
//   the meantime it is queued again at done(), so the latest change is never lost;
// - addAfter() keeps the earliest pending time per key; addRateLimited() waits per the RetryLimiter.
import { RetryLimiter } from './retry-limiter.ts';

/** Receives the queue's activity; metrics.ts turns it into the workqueue_* series. */
export interface QueueObserver {
  added(depth: number): void;
  /** A worker took a key after it waited `queuedSeconds` in the queue. */
  taken(depth: number, queuedSeconds: number): void;
  finished(workSeconds: number): void;
  retried(): void;
}

export interface WorkQueueOptions {
  name: string;
  limiter?: RetryLimiter;
  observer?: QueueObserver;
  now?: () => number;
}

export class WorkQueue {
  readonly name: string;
  readonly limiter: RetryLimiter;
  readonly #observer: QueueObserver | undefined;
  readonly #now: () => number;
  // FIFO as an array with a moving head: shift() on a long array is O(n) per call.
  #items: string[] = [];
  #head = 0;
  readonly #dirty = new Set<string>();
  readonly #addedAt = new Map<string, number>();
  readonly #processing = new Map<string, number>();
  readonly #delayed = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  #waiters: (() => void)[] = [];
  #idleWaiters: (() => void)[] = [];
  #shuttingDown = false;

  constructor(opts: WorkQueueOptions) {
    this.name = opts.name;
    this.limiter = opts.limiter ?? new RetryLimiter();
    this.#observer = opts.observer;
    this.#now = opts.now ?? (() => performance.now());
  }

  /** Keys waiting for a worker (not counting those being processed or delayed). */
  get length(): number {
    return this.#items.length - this.#head;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  add(key: string): void {
    if (this.#shuttingDown || this.#dirty.has(key)) return;
    this.#dirty.add(key);
    this.#addedAt.set(key, this.#now());
    this.#observer?.added(this.length + (this.#processing.has(key) ? 0 : 1));
    if (this.#processing.has(key)) return; // done() queues it again
    this.#push(key);
  }

  /** Adds `key` after `delayMs`; if the key is already waiting for an earlier time, that time wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.#shuttingDown) return;
    if (!(delayMs > 0)) return this.add(key);
    const at = this.#now() + delayMs;
    const pending = this.#delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.#delayed.delete(key);
      this.add(key);
    }, delayMs);
    this.#delayed.set(key, { at, timer });
  }

  /** Adds `key` after its backoff: call when processing it failed. */
  addRateLimited(key: string): void {
    this.#observer?.retried();
    this.addAfter(key, this.limiter.when(key));
  }

  /** Processing `key` succeeded: its next failure backs off from the start again. */
  forget(key: string): void {
    this.limiter.forget(key);
  }

  /** Waits for the next key; undefined once the queue is shut down and empty. */
  async get(): Promise<string | undefined> {
    while (true) {
      if (this.length > 0) return this.#take();
      if (this.#shuttingDown) return undefined;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** The worker finished `key` (successfully or not). */
  done(key: string): void {
    const started = this.#processing.get(key);
    if (started === undefined) return;
    this.#processing.delete(key);
    this.#observer?.finished((this.#now() - started) / 1000);
    if (this.#dirty.has(key) && !this.#shuttingDown) this.#push(key);
    if (this.#processing.size === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  /** Stops handing out keys: workers blocked in get() return undefined, delayed keys are dropped. */
  shutDown(): void {
    this.#shuttingDown = true;
    for (const { timer } of this.#delayed.values()) clearTimeout(timer);
    this.#delayed.clear();
    this.#items = [];
    this.#head = 0;
    this.#dirty.clear();
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves when no key is being processed. */
  whenIdle(): Promise<void> {
    if (this.#processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Sum of the seconds every in-flight key has been processing so far (workqueue_unfinished_work_seconds). */
  unfinishedWorkSeconds(): number {
    const now = this.#now();
    let total = 0;
    for (const started of this.#processing.values()) total += now - started;
    return total / 1000;
  }

  /** Seconds the oldest in-flight key has been processing (workqueue_longest_running_processor_seconds). */
  longestRunningSeconds(): number {
    const now = this.#now();
    let longest = 0;
    for (const started of this.#processing.values()) longest = Math.max(longest, now - started);
    return longest / 1000;
  }

  #push(key: string): void {
    this.#items.push(key);
    this.#waiters.shift()?.();
  }

  #take(): string {
    const key = this.#items[this.#head++]!;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    this.#dirty.delete(key);
    const now = this.#now();
    this.#processing.set(key, now);
    this.#observer?.taken(this.length, (now - (this.#addedAt.get(key) ?? now)) / 1000);
    this.#addedAt.delete(key);
    return key;
  }
}

/**
 * Runs `workers` loops that take keys from `queue` and call `handle`. `handle` decides about requeueing
 * (forget/addRateLimited/addAfter); a throw from it is a bug in the caller and is passed to `onCrash`.
 * Resolves when the queue is shut down and every in-flight `handle` has returned.
 */
export async function runWorkers(
  queue: WorkQueue,
  workers: number,
  handle: (key: string) => Promise<void>,
  onCrash: (key: string, error: unknown) => void,
): Promise<void> {
  const loop = async () => {
    while (true) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        await handle(key);
      } catch (error) {
        onCrash(key, error);
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
}
