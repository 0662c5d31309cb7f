import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RetryLimiter } from './retry-limiter.ts';

test('per-key backoff doubles from the base delay up to the ceiling, independently per key', () => {
  const limiter = new RetryLimiter({ baseDelayMs: 5, maxDelayMs: 1000, qps: 1e9, burst: 1e9 });
  const delays = Array.from({ length: 10 }, () => limiter.when('a'));
  assert.deepEqual(delays, [5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
  assert.equal(limiter.when('b'), 5);
  assert.equal(limiter.retries('a'), 10);
  limiter.forget('a');
  assert.equal(limiter.retries('a'), 0);
  assert.equal(limiter.when('a'), 5);
});

test('the overall bucket spaces retries once its burst is spent', () => {
  let now = 0;
  const limiter = new RetryLimiter({ baseDelayMs: 1, maxDelayMs: 1, qps: 10, burst: 2, now: () => now });
  assert.equal(limiter.when('a'), 1);
  assert.equal(limiter.when('b'), 1);
  assert.equal(limiter.when('c'), 100); // third retry in the same instant waits for a token at 10/s
  assert.equal(limiter.when('d'), 200);
  now = 1000; // refilled
  assert.equal(limiter.when('e'), 1);
});

test('huge failure counts stay at the ceiling instead of overflowing', () => {
  const limiter = new RetryLimiter({ baseDelayMs: 5, maxDelayMs: 1_000_000, qps: 1e9, burst: 1e9 });
  let last = 0;
  for (let i = 0; i < 2000; i++) last = limiter.when('k');
  assert.equal(last, 1_000_000);
});

test('rejects nonsensical delays', () => {
  assert.throws(() => new RetryLimiter({ baseDelayMs: 10, maxDelayMs: 5 }), /0 < base <= max/);
});
