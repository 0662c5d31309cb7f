import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from './rate-limit.ts';

function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => (now += ms),
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
}

void test('a full bucket lets `burst` requests through at once, then paces the rest at qps in arrival order', async () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ qps: 10, burst: 3, now: clock.now, sleep: clock.sleep });
  for (let i = 0; i < 3; i++) await bucket.take();
  assert.deepEqual(clock.sleeps, []);
  await bucket.take();
  await bucket.take();
  assert.deepEqual(
    clock.sleeps.map((ms) => Math.round(ms)),
    [100, 200],
  );
});

void test('tokens refill with time but never beyond burst', async () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ qps: 2, burst: 2, now: clock.now, sleep: clock.sleep });
  await bucket.take();
  await bucket.take();
  clock.advance(60_000); // a long idle period must not bank 120 tokens
  assert.equal(bucket.reserve(), 0);
  assert.equal(bucket.reserve(), 0);
  assert.equal(Math.round(bucket.reserve()), 500);
});

void test('a half-refilled token only costs the remaining wait', () => {
  const clock = fakeClock();
  const bucket = new TokenBucket({ qps: 1, burst: 1, now: clock.now, sleep: clock.sleep });
  assert.equal(bucket.reserve(), 0);
  clock.advance(400);
  assert.equal(Math.round(bucket.reserve()), 600);
});

void test('nonsensical limits are refused with the value in the message', () => {
  assert.throws(() => new TokenBucket({ qps: 0, burst: 1 }), /qps must be a positive number, got 0/);
  assert.throws(() => new TokenBucket({ qps: 5, burst: 0 }), /burst must be at least 1, got 0/);
});
