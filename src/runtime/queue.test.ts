import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { WorkQueue, runWorkers } from './queue.ts';
import { RetryLimiter } from './retry-limiter.ts';

test('a key added many times before a worker takes it is processed once', async () => {
  const queue = new WorkQueue({ name: 't' });
  for (let i = 0; i < 5; i++) queue.add('ns/a');
  queue.add('ns/b');
  assert.equal(queue.length, 2);
  assert.equal(await queue.get(), 'ns/a');
  assert.equal(await queue.get(), 'ns/b');
  assert.equal(queue.length, 0);
});

test('a key re-added while processing is held back and queued again at done()', async () => {
  const queue = new WorkQueue({ name: 't' });
  queue.add('k');
  const key = await queue.get();
  queue.add('k');
  assert.equal(queue.length, 0, 'must not be handed to a second worker while the first holds it');
  queue.done(key!);
  assert.equal(queue.length, 1);
  assert.equal(await queue.get(), 'k');
});

test('workers never hold the same key at once, and every add after a take is processed', async () => {
  const queue = new WorkQueue({ name: 't' });
  const active = new Set<string>();
  let overlaps = 0;
  const processed = new Map<string, number>();
  const keys = Array.from({ length: 50 }, (_, i) => `k${i % 10}`);
  const done = runWorkers(
    queue,
    4,
    async (key) => {
      if (active.has(key)) overlaps++;
      active.add(key);
      await tick();
      // re-adding while held must produce exactly one more round for this key
      if ((processed.get(key) ?? 0) === 0) queue.add(key);
      await tick();
      active.delete(key);
      processed.set(key, (processed.get(key) ?? 0) + 1);
    },
    (key, error) => assert.fail(`${key}: ${String(error)}`),
  );
  for (const key of keys) queue.add(key);
  while (queue.length > 0 || [...processed.values()].reduce((a, b) => a + b, 0) < 20) await tick();
  await queue.whenIdle();
  queue.shutDown();
  await done;
  assert.equal(overlaps, 0);
  assert.deepEqual([...processed.values()], Array(10).fill(2));
});

test('addAfter keeps the earliest pending time per key', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  const queue = new WorkQueue({ name: 't', now: () => now });
  queue.addAfter('k', 1000);
  queue.addAfter('k', 200); // earlier wins
  queue.addAfter('k', 5000); // later is ignored
  now = 199;
  t.mock.timers.tick(199);
  assert.equal(queue.length, 0);
  now = 200;
  t.mock.timers.tick(1);
  assert.equal(queue.length, 1);
  now = 5000;
  t.mock.timers.tick(4800);
  assert.equal(queue.length, 1, 'the replaced timers must not fire again');
});

test('addRateLimited backs off exponentially and forget() resets', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const queue = new WorkQueue({ name: 't', limiter: new RetryLimiter({ baseDelayMs: 10, maxDelayMs: 1000, qps: 1e9, burst: 1e9 }) });
  const fireTimes: number[] = [];
  let elapsed = 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    queue.addRateLimited('k');
    let waited = 0;
    while (queue.length === 0) {
      t.mock.timers.tick(1);
      waited++;
    }
    elapsed += waited;
    fireTimes.push(waited);
    queue.done((await queue.get())!);
  }
  assert.ok(elapsed > 0);
  assert.deepEqual(fireTimes, [10, 20, 40, 80]);
  queue.forget('k');
  assert.equal(queue.limiter.retries('k'), 0);
});

test('shutDown releases waiting workers, drops delayed keys and lets in-flight work finish', async () => {
  const queue = new WorkQueue({ name: 't' });
  const blocked = queue.get();
  queue.addAfter('later', 60_000);
  queue.shutDown();
  assert.equal(await blocked, undefined);
  queue.add('ignored');
  assert.equal(queue.length, 0);
  assert.equal(await queue.get(), undefined);
});

test('whenIdle waits for in-flight keys and the observer sees adds, takes, retries and finishes', async () => {
  const seen: string[] = [];
  const queue = new WorkQueue({
    name: 't',
    observer: {
      added: (depth) => seen.push(`added:${depth}`),
      taken: (depth) => seen.push(`taken:${depth}`),
      finished: () => seen.push('finished'),
      retried: () => seen.push('retried'),
    },
  });
  queue.add('a');
  queue.add('a');
  queue.add('b');
  const key = await queue.get();
  let idle = false;
  const idlePromise = queue.whenIdle().then(() => (idle = true));
  await tick();
  assert.equal(idle, false);
  assert.ok(queue.longestRunningSeconds() >= 0);
  queue.done(key!);
  await idlePromise;
  assert.deepEqual(seen, ['added:1', 'added:2', 'taken:1', 'finished']);
});
